import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, ParseIdPipe, requiredUuid } from '../../platform/http/pipes';
import type { PeriodMarkKind } from '../journal.entities';
import { PERIOD_MARK_KINDS, PeriodMarkHistoryView, PeriodMarkSheetView, SavePeriodMarksDto } from './period-mark.dto';
import { PeriodMarksService } from './period-marks.service';

const parseKind = (kind?: string): PeriodMarkKind => {
  if (kind === undefined || kind === '') return 'period';
  if (!(PERIOD_MARK_KINDS as readonly string[]).includes(kind)) throw new InvalidField('kind', `kind must be one of ${PERIOD_MARK_KINDS.join(', ')}`);
  return kind as PeriodMarkKind;
};

@ApiTags('journal')
@ApiBearerAuth()
@Controller('period-marks')
export class PeriodMarksController {
  constructor(private readonly periodMarks: PeriodMarksService) {}

  @Get()
  @ApiOperation({
    summary: 'Period, annual, exam or final marks of a class (or subgroup) and subject, with the proposals (R-JRN-08)',
    description: 'Students are those of the class on the last day of the period (of the year for annual, exam and final). A period proposal is the '
      + 'weighted average of the period\'s marks (and transferred marks) rounded with the school\'s threshold; annual: the mean of the period marks; '
      + 'final: from the annual and the exam mark. `edit` tells the caller whether and until when they may set them.',
  })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'subjectId', format: 'uuid' })
  @ApiQuery({ name: 'kind', enum: PERIOD_MARK_KINDS, required: false, description: 'Default period' })
  @ApiQuery({ name: 'periodId', format: 'uuid', required: false, description: 'Required for kind = period' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid', required: false, description: 'Optional check: the class\'s academic year' })
  @ApiQuery({ name: 'subgroupId', format: 'uuid', required: false })
  @ApiOkResponse({ type: PeriodMarkSheetView })
  sheet(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string,
    @Query('subjectId', requiredUuid('subjectId')) subjectId: string, @Query('kind') kind?: string,
    @Query('periodId', optionalUuid('periodId')) periodId?: string, @Query('academicYearId', optionalUuid('academicYearId')) academicYearId?: string,
    @Query('subgroupId', optionalUuid('subgroupId')) subgroupId?: string) {
    const k = parseKind(kind);
    if (k === 'period' && !periodId) throw new InvalidField('periodId', 'periodId is required for kind period');
    if (k !== 'period' && periodId) throw new InvalidField('periodId', 'periodId is only for kind period');
    return this.periodMarks.sheet(actor, { classId, subjectId, kind: k, periodId, academicYearId, subgroupId });
  }

  @Put()
  @ApiOperation({
    summary: 'Set period, annual, exam or final marks (R-JRN-08): the teacher of the class and subject within the window, afterwards the deputy',
    description: 'Confirms the proposals or overrides them; unchanged marks are skipped. After the window (or when the period is closed) only the '
      + 'deputy, and each changed mark needs `note` (teacher, class, date, subject, change, reason). Each mark written is audited. '
      + 'Answers the sheet as GET does.',
  })
  @ApiOkResponse({ type: PeriodMarkSheetView })
  @ApiForbiddenResponse({ description: 'Not the teacher of this class and subject, or the window has closed (problem+json with reason, editableUntil)' })
  save(@CurrentActor() actor: Actor, @Body() dto: SavePeriodMarksDto) {
    return this.periodMarks.save(actor, dto);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every change of a period mark from the audit log, oldest first (R-AUD-03); deputy, director, admin' })
  @ApiOkResponse({ type: PeriodMarkHistoryView })
  history(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.periodMarks.history(actor, id);
  }
}
