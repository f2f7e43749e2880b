import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, ParseIdPipe } from '../../platform/http/pipes';
import { sendRevalidated } from '../http/cacheable';
import { IF_NONE_MATCH, NOT_MODIFIED, SCOPE_NOTE } from '../http/openapi';
import { DiaryAttendanceSummaryView, StudentFinalsView, StudentMarksView, StudentPeriodMarksView, StudentTeachersView } from './records.dto';
import { DiaryRecordsService } from './records.service';

const OUT_OF_SCOPE = { description: 'No such student (or period, year), or out of the caller\'s scope' };

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary/students/:id')
export class DiaryRecordsController {
  constructor(private readonly records: DiaryRecordsService) {}

  @Get('marks')
  @ApiOperation({ summary: 'Marks by subject in a period with weighted averages (R-DIA-04)', description: SCOPE_NOTE })
  @ApiQuery({ name: 'periodId', format: 'uuid', required: false, description: 'Default: the current period of the student\'s grade' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: StudentMarksView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse(OUT_OF_SCOPE)
  async marks(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('periodId', optionalUuid('periodId')) periodId: string | undefined,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.records.marks(actor, id, periodId));
  }

  @Get('period-marks')
  @ApiOperation({ summary: 'Period, annual, exam and final marks of a year, the current one by default (R-DIA-05)', description: SCOPE_NOTE })
  @ApiQuery({ name: 'academicYearId', format: 'uuid', required: false })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: StudentPeriodMarksView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse(OUT_OF_SCOPE)
  async periodMarks(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Query('academicYearId', optionalUuid('academicYearId')) academicYearId: string | undefined,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.records.periodMarks(actor, id, academicYearId));
  }

  @Get('finals')
  @ApiOperation({ summary: 'Annual, exam and final marks of past years (R-DIA-06)', description: SCOPE_NOTE })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: StudentFinalsView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse(OUT_OF_SCOPE)
  async finals(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.records.finals(actor, id));
  }

  @Get('attendance')
  @ApiOperation({ summary: 'Absences by reason and by subject in a period, and lesson by lesson (R-DIA-02)', description: SCOPE_NOTE })
  @ApiQuery({ name: 'periodId', format: 'uuid', required: false, description: 'Default: the current period of the student\'s grade' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: DiaryAttendanceSummaryView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse(OUT_OF_SCOPE)
  async attendance(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Query('periodId', optionalUuid('periodId')) periodId: string | undefined,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.records.attendance(actor, id, periodId));
  }

  @Get('teachers')
  @ApiOperation({ summary: 'The student\'s teachers by subject and the class teacher (R-DIA-03)', description: SCOPE_NOTE })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: StudentTeachersView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse(OUT_OF_SCOPE)
  async teachers(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.records.teachers(actor, id));
  }
}
