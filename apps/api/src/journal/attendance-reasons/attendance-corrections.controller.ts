import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { optionalDate } from '../../curriculum/calendar/query-params';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { requiredUuid } from '../../platform/http/pipes';
import { AttendanceCorrectionsResult, AttendanceCorrectionsView, SaveAttendanceCorrectionsDto } from './attendance-corrections.dto';
import { AttendanceCorrectionsService } from './attendance-corrections.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('attendance')
export class AttendanceCorrectionsController {
  constructor(private readonly corrections: AttendanceCorrectionsService) {}

  @Get('corrections')
  @ApiOperation({ summary: 'The absences (Н, У, Б) of a class\'s students in a week, by day and lesson, for the weekly correction of reasons (R-JRN-04)',
    description: 'The class teacher of the class, the deputy and the school\'s administration. `correctable` is true for the current and the previous '
      + 'week (school\'s time zone); an older week needs a change request.' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'weekOf', required: false, example: '2026-11-30', description: 'Any date of the week (default: today in the school\'s zone)' })
  @ApiOkResponse({ type: AttendanceCorrectionsView })
  week(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string, @Query('weekOf', optionalDate('weekOf')) weekOf?: string) {
    return this.corrections.week(actor, classId, weekOf);
  }

  @Put('corrections')
  @ApiOperation({ summary: 'Correct the reasons of recorded absences of a class (class teacher or deputy; R-JRN-04)',
    description: 'Each item changes the code of an existing absence between Н, У and Б; absences are not added or removed here and lateness (ОП) is not '
      + 'touched (400 naming the item). Current and previous week only: an older one answers 403 `/problems/edit-window-closed` with '
      + '`needsChangeRequest`. All or nothing; each change is audited (entity attendance, id `lessonId:studentId`) and bumps the lesson\'s version.' })
  @ApiOkResponse({ type: AttendanceCorrectionsResult })
  @ApiBadRequestResponse({ description: 'Validation: every bad field named, e.g. items[2].studentId (no absence to correct)' })
  @ApiForbiddenResponse({ description: 'Not the class teacher of the class nor the deputy; or a week outside the weekly correction (needsChangeRequest)' })
  correct(@CurrentActor() actor: Actor, @Body() dto: SaveAttendanceCorrectionsDto) {
    return this.corrections.correct(actor, dto);
  }
}
