import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, requiredUuid } from '../../platform/http/pipes';
import { optionalDate } from '../calendar/query-params';
import { TimetableChangesService } from './timetable-changes.service';
import { TimetableEntriesService } from './timetable-entries.service';
import { TimetableWeekService } from './timetable-week.service';
import {
  CreateTimetableChangeDto, CreateTimetableEntryDto, TimetableChangeView, TimetableEntryView, TimetableWeekView, UpdateTimetableEntryDto,
} from './timetable.dto';

const CLASH = 'problem+json with `clash` (the clashing entry or lesson: id, className, subjectName, teacherName, roomName) and `clashKind`';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('timetable')
export class TimetableController {
  constructor(private readonly entries: TimetableEntriesService, private readonly changes: TimetableChangesService,
    private readonly weeks: TimetableWeekService) {}

  @Get()
  @ApiOperation({ summary: 'The effective week of a class or a teacher: template, holidays, one-off changes, bells (R-CUR-08)',
    description: 'Give classId or teacherId. Holiday days carry `holiday` and no lessons; cancelled lessons stay listed with change.kind = cancel; '
      + 'moved lessons appear at their new place; substituted lessons show teacherId (substitute) and originalTeacherId. '
      + 'A teacher sees their own week; every staff role sees any class.' })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'teacherId', format: 'uuid', required: false })
  @ApiQuery({ name: 'week', required: false, example: '2026-W49', description: 'ISO week or any date in it; default the current week' })
  @ApiQuery({ name: 'schoolId', format: 'uuid', required: false, description: 'For a teacher employed in several schools' })
  @ApiOkResponse({ type: TimetableWeekView })
  week(@CurrentActor() actor: Actor, @Query('classId', optionalUuid('classId')) classId?: string,
    @Query('teacherId', optionalUuid('teacherId')) teacherId?: string, @Query('week') week?: string,
    @Query('schoolId', optionalUuid('schoolId')) schoolId?: string) {
    return this.weeks.week(actor, { classId, teacherId, week: week || undefined, schoolId });
  }

  @Get('entries')
  @ApiOperation({ summary: 'Weekly template entries of a year, by class, teacher or room; `on` keeps those valid on a date' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'teacherId', format: 'uuid', required: false })
  @ApiQuery({ name: 'roomId', format: 'uuid', required: false })
  @ApiQuery({ name: 'on', required: false, example: '2026-12-01' })
  @ApiOkResponse({ type: [TimetableEntryView] })
  listEntries(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('classId', optionalUuid('classId')) classId?: string, @Query('teacherId', optionalUuid('teacherId')) teacherId?: string,
    @Query('roomId', optionalUuid('roomId')) roomId?: string, @Query('on', optionalDate('on')) on?: string) {
    return this.entries.list(actor, { academicYearId, classId, teacherId, roomId, on });
  }

  @Post('entries')
  @ApiOperation({ summary: 'Add a weekly lesson (deputy, admin); the teacher needs a load for it (422); double bookings answer 409' })
  @ApiCreatedResponse({ type: TimetableEntryView })
  @ApiConflictResponse({ description: CLASH })
  createEntry(@CurrentActor() actor: Actor, @Body() dto: CreateTimetableEntryDto) {
    return this.entries.create(actor, dto);
  }

  @Patch('entries/:id')
  @ApiOperation({ summary: 'Move a weekly lesson (weekday, lesson number, room, teacher) with the same checks' })
  @ApiOkResponse({ type: TimetableEntryView })
  @ApiConflictResponse({ description: CLASH })
  updateEntry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTimetableEntryDto) {
    return this.entries.update(actor, id, dto);
  }

  @Delete('entries/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a weekly lesson from a date (default today): it ends the day before; an entry not started yet is deleted' })
  @ApiQuery({ name: 'from', required: false, example: '2027-01-11' })
  @ApiNoContentResponse()
  removeEntry(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('from', optionalDate('from')) from?: string) {
    return this.entries.remove(actor, id, from);
  }

  @Post('changes')
  @ApiOperation({ summary: 'A one-off change of a lesson on a date: cancel, move or substitute (deputy, admin)' })
  @ApiCreatedResponse({ type: TimetableChangeView })
  @ApiConflictResponse({ description: `${CLASH}; or the lesson already has a change that date` })
  createChange(@CurrentActor() actor: Actor, @Body() dto: CreateTimetableChangeDto) {
    return this.changes.create(actor, dto);
  }

  @Delete('changes/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Undo a one-off change' })
  @ApiNoContentResponse()
  removeChange(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.changes.remove(actor, id);
  }
}
