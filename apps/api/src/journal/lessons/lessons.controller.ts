import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { optionalDate } from '../../curriculum/calendar/query-params';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, ParseIdPipe } from '../../platform/http/pipes';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './idempotency';
import {
  AddMarksDto, CreateExtraLessonDto, GenerateLessonsDto, GenerateLessonsResult, LessonPageView, LessonSummaryView, SaveAttendanceDto, SaveLessonDto,
} from './lesson.dto';
import type { SaveRequest } from './lesson-save.plan';
import { LessonGeneratorService } from './lesson-generator.service';
import { LessonSaveService } from './lesson-save.service';
import { LessonsService } from './lessons.service';

const STALE = 'The version is stale: problem+json with `current` (the lesson page as it is now) and `currentVersion`; nothing was written';
const WINDOW = 'Outside an edit window: problem `/problems/edit-window-closed` with `items` (field, item, reason, editableUntil, needsChangeRequest) '
  + 'and `needsChangeRequest`; nothing was written. Also: not the teacher or substitute of this lesson';
const IDEMPOTENCY = { name: IDEMPOTENCY_HEADER, required: false, description: 'A retry with the same key and body gets the stored answer; the same key with another body answers 422' };
const IF_MATCH = { name: 'If-Match', required: false, description: 'The lesson version (the ETag of GET /lessons/{id}) when the body has no version' };

/** The body without the version: the version is checked separately (body or If-Match). */
const requestOf = (dto: object): SaveRequest => {
  const plain = JSON.parse(JSON.stringify(dto)) as SaveRequest & { version?: number };
  delete plain.version;
  return plain;
};

@ApiTags('journal')
@ApiBearerAuth()
@Controller('lessons')
export class LessonsController {
  constructor(private readonly lessons: LessonsService, private readonly generator: LessonGeneratorService, private readonly saver: LessonSaveService) {}

  @Get()
  @ApiOperation({ summary: 'A teacher\'s day (teacherId, date) or a class\'s lessons (classId, from, to) (R-JRN-01)',
    description: 'teacherId: the lessons the teacher gives on the date (default today in the school\'s time zone) as teacher of record or substitute, '
      + 'and their own ones given by a substitute; missing lessons of the date are generated on the fly. The teacher themself or the administration. '
      + 'classId: lessons of the class between from and to (any staff of the school), optionally of one subject.' })
  @ApiQuery({ name: 'teacherId', format: 'uuid', required: false })
  @ApiQuery({ name: 'date', required: false, example: '2026-12-01' })
  @ApiQuery({ name: 'schoolId', format: 'uuid', required: false, description: 'For a teacher employed in several schools' })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'from', required: false, example: '2026-11-30' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12-05' })
  @ApiQuery({ name: 'subjectId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [LessonSummaryView] })
  list(@CurrentActor() actor: Actor, @Query('teacherId', optionalUuid('teacherId')) teacherId?: string, @Query('date', optionalDate('date')) date?: string,
    @Query('schoolId', optionalUuid('schoolId')) schoolId?: string, @Query('classId', optionalUuid('classId')) classId?: string,
    @Query('from', optionalDate('from')) from?: string, @Query('to', optionalDate('to')) to?: string,
    @Query('subjectId', optionalUuid('subjectId')) subjectId?: string) {
    if (!!teacherId === !!classId) throw new InvalidField(classId ? 'teacherId' : 'classId', 'give either teacherId (with date) or classId (with from and to)');
    if (teacherId) return this.lessons.myDay(actor, teacherId, date, schoolId);
    if (!from) throw new InvalidField('from', 'from is required with classId');
    if (!to) throw new InvalidField('to', 'to is required with classId');
    return this.lessons.ofClass(actor, classId as string, from, to, subjectId);
  }

  @Post('generate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Generate dated lessons from the effective timetable (deputy, admin; R-JRN-01)',
    description: 'Idempotent: a lesson is unique per timetable entry and date. Holidays and vacations are skipped; a cancelled lesson is kept as cancelled; '
      + 'a moved one is created at its new date and number; on a substitution teacherId stays the teacher of record and substituteTeacherId is the substitute. '
      + 'Lessons generated earlier are brought in line with later one-off changes; empty ones the timetable no longer gives are removed.' })
  @ApiOkResponse({ type: GenerateLessonsResult })
  generate(@CurrentActor() actor: Actor, @Body() dto: GenerateLessonsDto) {
    return this.generator.generate(actor, dto);
  }

  @Post()
  @ApiOperation({ summary: 'Add an extra lesson outside the timetable (deputy; R-JRN-01)' })
  @ApiCreatedResponse({ type: LessonPageView })
  createExtra(@CurrentActor() actor: Actor, @Body() dto: CreateExtraLessonDto) {
    return this.lessons.createExtra(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The lesson page: lesson, students of the date with attendance, marks and remarks, homework with files, and `edit` (R-JRN-02, R-JRN-05)',
    description: 'While the topic is empty, suggestedTopic is the next topic of the КТП. The ETag is the lesson version.' })
  @ApiOkResponse({ type: LessonPageView })
  async page(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.lessons.page(actor, id);
    void reply.header('etag', `"${page.version}"`);
    return page;
  }

  @Put(':id')
  @ApiOperation({ summary: 'Save the lesson in one request: topic, held, work types, homework, attendance, marks, remarks (R-JRN-02..05, R-JRN-07, R-API-03)',
    description: 'Validated as a unit (every bad field named, e.g. marks.upsert[3].value) and written in one transaction, all or nothing. '
      + 'The edit policy decides each item; the server stamps entry times and flags late first entries. Answers the fresh lesson page.' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: LessonPageView })
  @ApiForbiddenResponse({ description: WINDOW })
  @ApiConflictResponse({ description: STALE })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used for another request' })
  async save(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: SaveLessonDto, @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.saver.save(actor, id, requestOf(dto), { version: dto.version, ifMatch, idempotencyKey: parseIdempotencyKey(key), route: 'PUT /lessons/{id}' });
    void reply.header('etag', `"${page.version}"`);
    return page;
  }

  @Put(':id/attendance')
  @ApiOperation({ summary: 'Save the attendance of a lesson (the bulk save with attendance only; R-JRN-04)' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: LessonPageView })
  @ApiForbiddenResponse({ description: WINDOW })
  @ApiConflictResponse({ description: STALE })
  saveAttendance(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: SaveAttendanceDto,
    @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined) {
    return this.saver.save(actor, id, requestOf(dto), { version: dto.version, ifMatch, idempotencyKey: parseIdempotencyKey(key), route: 'PUT /lessons/{id}/attendance' });
  }

  @Post(':id/marks')
  @ApiOperation({ summary: 'Add marks to a lesson (the bulk save with new marks only; R-JRN-03)' })
  @ApiHeader(IDEMPOTENCY)
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: LessonPageView })
  @ApiForbiddenResponse({ description: WINDOW })
  @ApiConflictResponse({ description: STALE })
  addMarks(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: AddMarksDto,
    @Headers('if-match') ifMatch: string | undefined, @Headers('idempotency-key') key: string | undefined) {
    const { marks } = requestOf(dto) as unknown as { marks: NonNullable<SaveRequest['marks']>['upsert'] };
    return this.saver.save(actor, id, { marks: { upsert: marks } }, { version: dto.version, ifMatch, idempotencyKey: parseIdempotencyKey(key),
      route: 'POST /lessons/{id}/marks' });
  }
}
