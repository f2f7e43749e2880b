import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, requiredUuid } from '../../platform/http/pipes';
import { optionalGrade, requiredGrade } from '../calendar/query-params';
import { ClosePeriodDto, PeriodView, ReopenPeriodDto, ReplacePeriodSchemeDto } from './period.dto';
import { PeriodsService } from './periods.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @ApiOperation({ summary: 'Study periods of a year by grade range and number; with ?grade= only those applying to that grade (R-CUR-02)' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiQuery({ name: 'grade', type: Number, required: false })
  @ApiOkResponse({ type: [PeriodView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('grade', optionalGrade()) grade?: number) {
    return this.periods.list(actor, academicYearId, grade);
  }

  @Put('scheme')
  @ApiOperation({ summary: 'Replace the period scheme of a grade range (admin; R-CUR-02)',
    description: 'Quarters (4), trimesters (3) or half-years (2) covering the whole year; only weekends, holidays and vacations may lie '
      + 'between periods. 409 when the range overlaps another scheme of the year or the scheme has a closed period.' })
  @ApiOkResponse({ type: [PeriodView] })
  replaceScheme(@CurrentActor() actor: Actor, @Body() dto: ReplacePeriodSchemeDto) {
    return this.periods.replaceScheme(actor, dto);
  }

  @Delete('scheme')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the period scheme of a grade range, e.g. to split 1–11 into 1–9 and 10–11 (admin)' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiQuery({ name: 'gradeFrom', type: Number })
  @ApiQuery({ name: 'gradeTo', type: Number })
  @ApiNoContentResponse()
  deleteScheme(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('gradeFrom', requiredGrade('gradeFrom')) gradeFrom: number, @Query('gradeTo', requiredGrade('gradeTo')) gradeTo: number) {
    return this.periods.deleteScheme(actor, academicYearId, gradeFrom, gradeTo);
  }

  @Get(':id')
  @ApiOkResponse({ type: PeriodView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.periods.get(actor, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period: its journal data locks (admin; R-CUR-02)' })
  @ApiOkResponse({ type: PeriodView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ClosePeriodDto) {
    return this.periods.close(actor, id, dto);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed period with a mandatory reason, kept in the audit log (admin)' })
  @ApiOkResponse({ type: PeriodView })
  reopen(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: ReopenPeriodDto) {
    return this.periods.reopen(actor, id, dto);
  }
}
