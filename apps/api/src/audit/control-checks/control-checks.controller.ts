import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, page, ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalDate } from '../../curriculum/calendar/query-params';
import {
  ControlCheckPage, ControlCheckView, ControlReportView, CreateControlCheckDto, DecideControlRemarkDto, FixControlRemarkDto, ChangeHistoryView, ControlRemarkList, ControlRemarkView,
} from './control-checks.dto';
import { HISTORY_ENTITIES, type HistoryEntity } from './control-checks.roles';
import { ControlChecksService } from './control-checks.service';
import { HistoryService } from './history.service';

const STATUSES = ['open', 'closed', 'overdue'] as const;

@ApiTags('control-checks')
@ApiBearerAuth()
@Controller('control-checks')
export class ControlChecksController {
  constructor(private readonly checks: ControlChecksService) {}

  @Post()
  @ApiOperation({ summary: 'Record a check of a teacher\'s journal with remarks and due dates (R-AUD-05; the deputy)' })
  @ApiCreatedResponse({ type: ControlCheckView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateControlCheckDto) {
    return this.checks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Checks of the school, newest first; a teacher sees the checks of their own journals only' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'teacherId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'classId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'subjectId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES, description: 'open: a remark not accepted; closed: all accepted; overdue' })
  @ApiQuery({ name: 'from', required: false, example: '2026-12-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12-31' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ type: ControlCheckPage })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('teacherId', optionalUuid('teacherId')) teacherId?: string, @Query('classId', optionalUuid('classId')) classId?: string,
    @Query('subjectId', optionalUuid('subjectId')) subjectId?: string, @Query('status') status?: string,
    @Query('from', optionalDate('from')) from?: string, @Query('to', optionalDate('to')) to?: string,
    @Query('limit') limit?: string, @Query('offset') offset?: string) {
    if (status !== undefined && status !== '' && !(STATUSES as readonly string[]).includes(status)) {
      throw new InvalidField('status', `status must be one of ${STATUSES.join(', ')}`);
    }
    return this.checks.list(actor, { schoolId, teacherId, classId, subjectId, status: (status || undefined) as (typeof STATUSES)[number] | undefined,
      from, to, ...page(limit, offset) });
  }

  @Get('remarks/mine')
  @ApiOperation({ summary: 'The calling teacher\'s remarks: open and fixed (not yet accepted) by default, all with all=true (002 §3.3.15)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'all', required: false, type: Boolean })
  @ApiOkResponse({ type: ControlRemarkList })
  mine(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('all') all?: string) {
    if (all !== undefined && all !== 'true' && all !== 'false') throw new InvalidField('all', 'all must be true or false');
    return this.checks.mine(actor, schoolId, all === 'true');
  }

  @Get('report')
  @ApiOperation({ summary: 'Open, fixed, accepted and overdue remarks per teacher, of the checks dated from..to' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'from', required: false, example: '2026-09-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12-31' })
  @ApiOkResponse({ type: ControlReportView })
  report(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('from', optionalDate('from')) from?: string, @Query('to', optionalDate('to')) to?: string) {
    return this.checks.report(actor, schoolId, from, to);
  }

  @Post('remarks/:id/fix')
  @HttpCode(200)
  @ApiOperation({ summary: 'The teacher marks their remark fixed, with a comment' })
  @ApiOkResponse({ type: ControlRemarkView })
  @ApiConflictResponse({ description: 'The remark is not open' })
  @ApiPreconditionFailedResponse({ description: 'Stale version' })
  fix(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: FixControlRemarkDto) {
    return this.checks.fix(actor, id, dto);
  }

  @Post('remarks/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'The deputy accepts a fixed remark (closes it)' })
  @ApiOkResponse({ type: ControlRemarkView })
  @ApiConflictResponse({ description: 'The remark is not fixed' })
  @ApiPreconditionFailedResponse({ description: 'Stale version' })
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideControlRemarkDto) {
    return this.checks.accept(actor, id, dto);
  }

  @Post('remarks/:id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'The deputy reopens a fixed or accepted remark, with a comment' })
  @ApiOkResponse({ type: ControlRemarkView })
  @ApiConflictResponse({ description: 'The remark is open already' })
  @ApiPreconditionFailedResponse({ description: 'Stale version' })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideControlRemarkDto) {
    return this.checks.reopen(actor, id, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One check with its remarks and their history' })
  @ApiOkResponse({ type: ControlCheckView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.checks.get(actor, id);
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class HistoryController {
  constructor(private readonly historyService: HistoryService) {}

  @Get('history')
  @ApiOperation({
    summary: 'Change history of a mark, lesson, attendance entry or period mark (R-AUD-03; deputy, director, admin)',
    description: 'Each change: who, when, old → new, reason and the change request. Attendance (and all marks of a student on a lesson) by '
      + '`id=lessonId:studentId` or `lessonId=&studentId=`.',
  })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'entity', enum: HISTORY_ENTITIES })
  @ApiQuery({ name: 'id', required: false })
  @ApiQuery({ name: 'lessonId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'studentId', required: false, format: 'uuid' })
  @ApiOkResponse({ type: ChangeHistoryView })
  history(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('entity') entity?: string,
    @Query('id') id?: string, @Query('lessonId') lessonId?: string, @Query('studentId') studentId?: string) {
    if (!entity || !(HISTORY_ENTITIES as readonly string[]).includes(entity)) {
      throw new InvalidField('entity', `entity must be one of ${HISTORY_ENTITIES.join(', ')}`);
    }
    if (id !== undefined && id.length > 80) throw new InvalidField('id', 'id is too long');
    return this.historyService.history(actor, { schoolId, entity: entity as HistoryEntity, id: id || undefined, lessonId: lessonId || undefined,
      studentId: studentId || undefined });
  }
}
