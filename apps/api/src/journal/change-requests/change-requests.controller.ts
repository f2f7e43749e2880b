import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalDate } from '../../curriculum/calendar/query-params';
import type { ChangeRequestStatus } from '../journal.entities';
import {
  ApplyChangeRequestDto, CHANGE_STATUSES, ChangeRequestView, DecideChangeRequestDto, FileChangeRequestDto,
} from './change-request.dto';
import { ChangeRequestsService } from './change-requests.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('change-requests')
export class ChangeRequestsController {
  constructor(private readonly requests: ChangeRequestsService) {}

  @Post()
  @ApiOperation({
    summary: 'File a change request after the edit window (R-JRN-06): a teacher for lessons they teach or substitute, or the deputy',
    description: 'Items of one class and subject: mark (targetId; or lessonId + studentId + workType to add one; newValue null removes), '
      + 'attendance (lessonId + studentId, newValue Н/У/Б/ОП or null), lesson_content (lessonId, newValue = topic), period_mark (targetId). '
      + 'The server records each item\'s current value and registers the request with a number per school and academic year (ИЗ-2026/0001).',
  })
  @ApiCreatedResponse({ type: ChangeRequestView })
  file(@CurrentActor() actor: Actor, @Body() dto: FileChangeRequestDto) {
    return this.requests.file(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Change requests of a school, newest first: a teacher sees their own (and their class\'s); deputy, director, admin all' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'status', enum: CHANGE_STATUSES, required: false })
  @ApiQuery({ name: 'periodId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [ChangeRequestView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('status') status?: string,
    @Query('periodId', optionalUuid('periodId')) periodId?: string) {
    if (status !== undefined && status !== '' && !(CHANGE_STATUSES as readonly string[]).includes(status)) {
      throw new InvalidField('status', `status must be one of ${CHANGE_STATUSES.join(', ')}`);
    }
    return this.requests.list(actor, { schoolId, status: (status || undefined) as ChangeRequestStatus | undefined, periodId });
  }

  @Get('register.pdf')
  @ApiOperation({ summary: 'The printable register of changes of a study period (or dates) as PDF (R-JRN-06, 003 §4); deputy, director, admin' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'periodId', format: 'uuid', required: false, description: 'The period the requests concern' })
  @ApiQuery({ name: 'from', required: false, example: '2026-09-01', description: 'With to: requests filed in these dates' })
  @ApiQuery({ name: 'to', required: false, example: '2026-10-31' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A4 landscape PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async register(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('periodId', optionalUuid('periodId')) periodId: string | undefined, @Query('from', optionalDate('from')) from: string | undefined,
    @Query('to', optionalDate('to')) to: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const r = await this.requests.register(actor, { schoolId, periodId, from, to });
    void reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`);
    return r.pdf;
  }

  @Get(':id')
  @ApiOkResponse({ type: ChangeRequestView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.requests.get(actor, id);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'The director approves or rejects a filed request (R-JRN-06); a note is required to reject' })
  @ApiOkResponse({ type: ChangeRequestView })
  @ApiConflictResponse({ description: 'The request is not filed (already decided or applied)' })
  decide(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: DecideChangeRequestDto) {
    return this.requests.decide(actor, id, dto);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply an approved request: every item in one transaction, past the edit windows (not a closed year); admin, or the class teacher '
      + 'when the school configures it (R-JRN-06)',
    description: 'Each write is audited with the registration number in `reason` and `changeRequestId` in `after`. An item whose value changed '
      + 'since filing stops the whole request (409, nothing written).',
  })
  @ApiOkResponse({ type: ChangeRequestView })
  @ApiConflictResponse({ description: 'Not approved (filed, rejected or already applied), a value changed since filing, or the year is closed' })
  apply(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ApplyChangeRequestDto) {
    return this.requests.apply(actor, id, dto);
  }
}
