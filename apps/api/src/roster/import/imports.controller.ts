import { Controller, Get, Injectable, OnModuleInit, Param, Post, Query, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { ParseSchoolIdPipe } from '../../platform/http/pipes';
import { ImportReportView } from './import.dto';
import { IMPORT_KINDS, type ImportKind } from './import-kind';
import { ImportsService } from './imports.service';
import { CSV_TYPES, IMPORT_MAX_BYTES, readUpload } from './upload';
import { XLSX_MIME } from './xlsx';

function kindOf(kind: string): ImportKind {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new InvalidField('kind', `kind must be one of ${IMPORT_KINDS.join(', ')}`);
  return kind as ImportKind;
}
function flag(field: string, value: string | undefined, dflt: boolean): boolean {
  if (value === undefined || value === '') return dflt;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InvalidField(field, `${field} must be true or false`);
}

/** Reads text/csv and XLSX bodies as raw bytes (Fastify parses only JSON and text/plain by itself). */
@Injectable()
export class ImportBodyParser implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addContentTypeParser) return;
    for (const type of [...CSV_TYPES, XLSX_MIME]) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    }
  }
}

const COLUMNS_DOC = 'Columns (header row; canonical name or Russian name): '
  + 'staff: lastName*, firstName*, middleName, roles* (teacher,class_teacher or Учитель,Классный руководитель), position*, startsOn*, hireOrderNumber, login, birthDate, gender, email, phone; '
  + 'students: lastName*, firstName*, middleName, birthDate*, gender* (male/female, м/ж), class* (5А, open year), snils, personalFileNumber, address, enrolledOn (default: year start), orderNumber*; '
  + 'parents: lastName*, firstName*, middleName, phone, email, relation (mother, father, guardian, trustee, other), studentLastName*, studentFirstName*, studentMiddleName, studentBirthDate, studentClass*, applicationNumber, applicationDate, identityDocument; '
  + 'classes: academicYear (2026/2027, default the open year), grade*, letter*, classTeacherLogin. '
  + 'Dates as 01.09.2026 or 2026-09-01. CSV: UTF-8 (BOM allowed; Windows-1251 accepted), `;` or `,` detected. At most 5 MB.';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':kind')
  @ApiOperation({ summary: 'Import staff, students, parents or classes from CSV/XLSX (R-ROS-11); dryRun (default true) only reports', description: COLUMNS_DOC })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean, description: 'true (default): validate and report only' })
  @ApiConsumes('text/csv', 'multipart/form-data', XLSX_MIME)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportReportView, description: 'Dry run: the report' })
  @ApiCreatedResponse({ type: ImportReportView, description: 'Imported: every row written' })
  @ApiUnprocessableEntityResponse({ description: 'A real import with bad rows: problem+json with the same report; nothing written' })
  async import(@CurrentActor() actor: Actor, @Param('kind') kind: string, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('dryRun') dryRun: string | undefined, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const k = kindOf(kind);
    const dry = flag('dryRun', dryRun, true);
    this.imports.authorize(actor, schoolId);
    const report = await this.imports.import(actor, k, schoolId, dry, await readUpload(req));
    void reply.status(dry ? 200 : 201);
    return report;
  }
}

@ApiTags('roster')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':kind')
  @ApiOperation({ summary: 'Export the import columns of staff, students, parents or classes (R-ROS-11); SNILS only for the admin on request' })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx'] })
  @ApiQuery({ name: 'includeSnils', required: false, type: Boolean, description: 'students only; admin only; the access is logged' })
  @ApiProduces('text/csv', XLSX_MIME)
  @ApiOkResponse({ description: 'The file', content: { 'text/csv': { schema: { type: 'string', format: 'binary' } }, [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async export(@CurrentActor() actor: Actor, @Param('kind') kind: string, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('format') format: string | undefined, @Query('includeSnils') includeSnils: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const k = kindOf(kind);
    if (format !== undefined && format !== 'csv' && format !== 'xlsx') throw new InvalidField('format', 'format must be csv or xlsx');
    const file = await this.imports.export(actor, k, schoolId, format ?? 'csv', flag('includeSnils', includeSnils, false));
    void reply.header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .header('access-control-expose-headers', 'X-Request-Id, ETag, Content-Disposition');
    return file.bytes;
  }
}
