import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, requiredUuid } from '../../platform/http/pipes';
import { readUpload } from '../../roster/import/upload';
import { XLSX_MIME } from '../../roster/import/xlsx';
import { optionalFlag } from '../calendar/query-params';
import { uploadRows } from './ktp-import';
import { CopyKtpDto, CreateKtpDto, KtpDetailView, KtpImportReportView, KtpView, ReplaceKtpTopicsDto } from './ktp.dto';
import { KtpService } from './ktp.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('ktp')
export class KtpController {
  constructor(private readonly ktp: KtpService) {}

  @Get()
  @ApiOperation({ summary: 'Calendar-thematic plans of a year, optionally of a teacher or class (R-CUR-09)' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiQuery({ name: 'teacherId', format: 'uuid', required: false })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [KtpView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('teacherId', optionalUuid('teacherId')) teacherId?: string, @Query('classId', optionalUuid('classId')) classId?: string) {
    return this.ktp.list(actor, { academicYearId, teacherId, classId });
  }

  @Post()
  @ApiOperation({ summary: 'Create a КТП: a teacher for themselves (needs a matching teacher load), the deputy or admin for any teacher' })
  @ApiCreatedResponse({ type: KtpDetailView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateKtpDto) {
    return this.ktp.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A КТП with its topics, planned hours and the plan\'s hours for the year (warning when they differ)' })
  @ApiOkResponse({ type: KtpDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.ktp.get(actor, id);
  }

  @Put(':id/topics')
  @ApiOperation({ summary: 'Replace the topics (a teacher their own КТП; the deputy or admin any)' })
  @ApiOkResponse({ type: KtpDetailView })
  replaceTopics(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplaceKtpTopicsDto) {
    return this.ktp.replaceTopics(actor, id, dto.version, dto.topics);
  }

  @Post(':id/import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import topics from CSV or XLSX (columns position;title;hours;workType), replacing the current ones',
    description: 'Send text/csv or an XLSX body, or multipart/form-data with one .csv or .xlsx file (at most 5 MB). All or nothing: any bad line → 422 with `errors` '
      + '[{line, field, message}] for every bad line. `dryRun=true` only reports. `version` (or If-Match) is checked when given.' })
  @ApiConsumes('text/csv', XLSX_MIME, 'multipart/form-data')
  @ApiBody({ schema: { oneOf: [{ type: 'string', example: 'position;title;hours;workType\n1;Натуральные числа;2;\n2;Контрольная работа №1;1;control' },
    { type: 'object', properties: { file: { type: 'string', format: 'binary' } } }] } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiOkResponse({ type: KtpDetailView, description: 'The КТП after the import; with dryRun=true a KtpImportReportView instead' })
  @ApiUnprocessableEntityResponse({ description: 'problem+json with errors [{line, field, message}]' })
  async import(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest,
    @Query('dryRun', optionalFlag('dryRun')) dryRun?: 'true' | 'false', @Query('version') version?: string, @Headers('if-match') ifMatch?: string): Promise<KtpDetailView | KtpImportReportView> {
    const v = version ?? ifMatch?.replace(/^W\//, '').replace(/"/g, '');
    if (v !== undefined && !/^\d+$/.test(v)) throw new InvalidField('version', 'version must be a whole number');
    // The raw CSV/XLSX body parser is registered by the roster import (ImportBodyParser); uploads are read the same way.
    const rows = await uploadRows(await readUpload(req));
    return this.ktp.importRows(actor, id, rows, { dryRun: dryRun === 'true', version: v === undefined ? undefined : Number(v) });
  }

  @Post(':id/copy-from')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the topics with those of another КТП the caller may read (last year\'s, another class\'s)' })
  @ApiOkResponse({ type: KtpDetailView })
  copyFrom(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CopyKtpDto) {
    return this.ktp.copyFrom(actor, id, dto.sourceKtpId, dto.version);
  }
}
