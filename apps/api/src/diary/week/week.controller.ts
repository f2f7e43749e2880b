import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { optionalDate } from '../../curriculum/calendar/query-params';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/pipes';
import { sendRevalidated } from '../http/cacheable';
import { IF_NONE_MATCH, NOT_MODIFIED, SCOPE_NOTE } from '../http/openapi';
import { DiaryWeekView } from './week.dto';
import { DiaryWeekService } from './week.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary')
export class DiaryWeekController {
  constructor(private readonly weeks: DiaryWeekService) {}

  @Get('students/:id/week')
  @ApiOperation({ summary: 'The diary week of a student (R-DIA-01, R-DIA-08)',
    description: 'Every lesson of the week (Monday to Friday, or Saturday in a six-day mode): time, subject, teacher (and substitute), room, topic, '
      + 'homework with due date and attachments, marks with work type and weight, attendance, remarks; holidays as such; days the journal has not '
      + 'generated yet from the effective timetable (no marks). Read fresh on every request; answers carry a strong ETag and '
      + `Cache-Control: private, no-cache. ${SCOPE_NOTE}` })
  @ApiQuery({ name: 'date', required: false, example: '2026-12-01', description: 'Any date of the week; default today (school time)' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: DiaryWeekView, headers: { ETag: { description: 'Hash of the content', schema: { type: 'string' } } } })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse({ description: 'No such student, or out of the caller\'s scope' })
  async week(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('date', optionalDate('date')) date: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, ifNoneMatch, await this.weeks.week(actor, id, date));
  }
}
