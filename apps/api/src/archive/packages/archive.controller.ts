import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { optionalUuid, page, ParseIdPipe, ParseSchoolIdPipe, requiredUuid } from '../../platform/http/pipes';
import { transliterate } from '../../roster/people/accounts';
import { ARCHIVE_READ } from '../archive.roles';
import { XLSX_MIME } from './archive-files';
import { ArchiveItemsService } from './archive-items.service';
import {
  ArchiveItemListView, ArchiveItemView, BuildPackagesDto, BuildResultView, CloseYearDto, DisposalDto, DisposalResultView, PreflightView, PrintoutDto,
  ReopenYearDto, YearClosingEventView, YearClosingView,
} from './archive.dto';
import { DisposalService } from './disposal.service';
import { YearClosingService } from './year-closing.service';

/** Sends a file: a Russian name for browsers (filename*), a transliterated one for the rest; never cached (personal data). */
function sendFile(reply: FastifyReply, contentType: string, nameRu: string, ext: string, bytes: Buffer): Buffer {
  const ascii = nameRu.split(/[\s–-]+/).map(transliterate).filter(Boolean).join('-') || 'archive';
  void reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${nameRu}.${ext}`)}`)
    .header('cache-control', 'no-store');
  return bytes;
}

@ApiTags('archive')
@ApiBearerAuth()
@Controller('archive/years')
export class YearClosingController {
  constructor(private readonly closing: YearClosingService) {}

  @Get(':yearId/preflight')
  @ApiOperation({ summary: 'What stands in the way of closing the year (R-ARC-01): open change requests (hard), lessons without a topic, missing '
    + 'period and annual marks, a year not yet ended (soft: override with the director\'s order), open periods (closed by closing). The administration.' })
  @ApiOkResponse({ type: PreflightView })
  preflight(@CurrentActor() actor: Actor, @Param('yearId', ParseIdPipe) yearId: string) {
    return this.closing.preflight(actor, yearId);
  }

  @Post(':yearId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the year (R-ARC-01, 002 §3.1.15): closes its periods, freezes the year, builds the archive packages and summary '
    + 'sheets. Admin or operator; 409 with `blockers` while something blocks.' })
  @ApiOkResponse({ type: YearClosingView })
  close(@CurrentActor() actor: Actor, @Param('yearId', ParseIdPipe) yearId: string, @Body() dto: CloseYearDto) {
    return this.closing.close(actor, yearId, dto);
  }

  @Post(':yearId/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed year (the regional operator, with a reason; audited). Its periods stay closed.' })
  @ApiOkResponse({ type: YearClosingView })
  reopen(@CurrentActor() actor: Actor, @Param('yearId', ParseIdPipe) yearId: string, @Body() dto: ReopenYearDto) {
    return this.closing.reopen(actor, yearId, dto);
  }

  @Get(':yearId/closings')
  @ApiOperation({ summary: 'Closings and reopenings of the year with reasons' })
  @ApiOkResponse({ type: [YearClosingEventView] })
  history(@CurrentActor() actor: Actor, @Param('yearId', ParseIdPipe) yearId: string) {
    return this.closing.history(actor, yearId);
  }
}

@ApiTags('archive')
@ApiBearerAuth()
@Controller('archive')
export class ArchiveController {
  constructor(private readonly items: ArchiveItemsService, private readonly disposal: DisposalService) {}

  @Get('packages')
  @ApiOperation({ summary: 'Archive items of a school with their retention date (R-ARC-02 … R-ARC-04, R-ARC-07). Deputy, director, admin, operator.' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'yearId', format: 'uuid', required: false })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'kind', required: false, enum: ['journal_package', 'summary_sheet', 'journal_printout', 'disposal_act'] })
  @ApiQuery({ name: 'includeDisposed', required: false, type: Boolean })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ type: ArchiveItemListView })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('yearId', optionalUuid('yearId')) yearId: string | undefined,
    @Query('classId', optionalUuid('classId')) classId: string | undefined, @Query('kind') kind: string | undefined,
    @Query('includeDisposed') includeDisposed: string | undefined, @Query('limit') limit: string | undefined, @Query('offset') offset: string | undefined) {
    if (includeDisposed !== undefined && !['true', 'false'].includes(includeDisposed)) throw new InvalidField('includeDisposed', 'includeDisposed must be true or false');
    return this.items.list(actor, { schoolId, yearId, classId, kind: kind || undefined, includeDisposed: includeDisposed === 'true', ...page(limit, offset) });
  }

  @Get('packages/:id')
  @ApiOperation({ summary: 'One archive item with its manifest' })
  @ApiOkResponse({ type: ArchiveItemView })
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ArchiveItemView> {
    const item = await this.items.get(id).catch(() => null);
    if (!item || !actor.principal.memberships.some((m) => m.schoolId === item.schoolId)) throw new NotFound('No such archive item');
    requireRole(actor, item.schoolId, ARCHIVE_READ);
    return item;
  }

  @Get('packages/:id/files/:name')
  @ApiOperation({ summary: 'Download one file of an archive item, verified against its SHA-256 (R-ARC-02)' })
  @ApiProduces('application/pdf', XLSX_MIME, 'text/csv', 'application/json')
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  async file(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const f = await this.items.file(actor, id, name);
    const dot = name.lastIndexOf('.');
    return sendFile(reply, f.contentType, `${f.title} ${name.slice(0, dot)}`, name.slice(dot + 1), f.bytes);
  }

  @Post('packages/build')
  @HttpCode(200)
  @ApiOperation({ summary: 'Build the journal packages and summary sheets of a closed year on demand (admin, operator). Same content → same item.' })
  @ApiOkResponse({ type: BuildResultView })
  build(@CurrentActor() actor: Actor, @Body() dto: BuildPackagesDto) {
    return this.items.build(actor, dto);
  }

  @Post('printouts')
  @ApiOperation({ summary: 'Print the journal pages of a class and subject for a study period with signature lines (R-ARC-04, 004 App.5 §9)' })
  @ApiCreatedResponse({ type: ArchiveItemView })
  async printout(@CurrentActor() actor: Actor, @Body() dto: PrintoutDto): Promise<ArchiveItemView> {
    return (await this.items.printout(actor, dto)).item;
  }

  @Get('summary-sheet')
  @ApiOperation({ summary: 'The summary sheet of a class for a year (R-ARC-03) — or of every class of the school when classId is omitted — '
    + 'students × subjects with period, annual, exam and final marks, signature lines. Deputy, director, admin, operator.' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'yearId', format: 'uuid' })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'format', enum: ['pdf', 'xlsx'], required: false })
  @ApiProduces('application/pdf', XLSX_MIME)
  @ApiOkResponse({ description: 'PDF or XLSX', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } },
    [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async summarySheet(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('yearId', requiredUuid('yearId')) yearId: string, @Query('classId', optionalUuid('classId')) classId: string | undefined,
    @Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const f = format === undefined || format === '' ? 'pdf' : format;
    if (f !== 'pdf' && f !== 'xlsx') throw new InvalidField('format', 'format must be pdf or xlsx');
    const r = await this.items.summarySheet(actor, { schoolId, yearId, classId, format: f });
    return sendFile(reply, f === 'pdf' ? 'application/pdf' : XLSX_MIME, r.name, f, r.bytes);
  }

  @Get('disposal/candidates')
  @ApiOperation({ summary: 'Items whose retention has ended, for a disposal act (R-ARC-07). Director, admin, operator.' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: ArchiveItemListView })
  candidates(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.disposal.candidates(actor, schoolId);
  }

  @Post('disposal')
  @ApiOperation({ summary: 'The director confirms a disposal act for items past retention: the act is kept as an archive item, the items are marked '
    + 'disposed and only then their files deleted (R-ARC-07); audited.' })
  @ApiCreatedResponse({ type: DisposalResultView })
  dispose(@CurrentActor() actor: Actor, @Body() dto: DisposalDto) {
    return this.disposal.dispose(actor, dto);
  }
}
