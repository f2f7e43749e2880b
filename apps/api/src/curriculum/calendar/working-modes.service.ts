import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { InvalidField } from '../../platform/errors/domain-errors';
import { YearsService } from '../../roster/years/years.service';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { PeriodsService } from '../periods/periods.service';
import { checkGradeRanges, checkWeekLength } from './calendar-rules';
import { WorkingMode } from './calendar.entities';
import { ReplaceWorkingModesDto, WorkingModeView } from './calendar.dto';
import { lockWritableYear } from './year-lock';

/** R-CUR-07: 5- or 6-day week per grade range of a year (grades not listed study 5 days). */
@Injectable()
export class WorkingModesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly periods: PeriodsService) {}

  async list(actor: Actor, academicYearId: string): Promise<WorkingModeView[]> {
    const y = await this.years.find(actor, academicYearId);
    requireRole(actor, y.schoolId, CURRICULUM_READ, 'roster:read');
    return this.rows(this.db.manager, academicYearId);
  }

  /** Replaces every mode of the year at once; one audit entry holds the whole before and after. */
  async replace(actor: Actor, dto: ReplaceWorkingModesDto): Promise<WorkingModeView[]> {
    const found = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    const problems = [...checkGradeRanges('modes', dto.modes), ...checkWeekLength('modes', dto.modes)];
    if (problems.length) throw new InvalidField(problems[0].field, problems[0].message);
    return this.db.transaction(async (tx) => {
      const year = await lockWritableYear(tx, dto.academicYearId);
      const before = await this.rows(tx, year.id);
      const after = await this.periods.guardCalendarChange(tx, year.id, async () => {
        await tx.delete(WorkingMode, { academicYearId: year.id });
        for (const m of dto.modes) {
          await tx.insert(WorkingMode, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, gradeFrom: m.gradeFrom, gradeTo: m.gradeTo,
            daysPerWeek: m.daysPerWeek });
        }
        return this.rows(tx, year.id);
      });
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'working_mode.replace', entity: 'working_modes',
        entityId: year.id, before, after, reason: dto.reason ?? null });
      return after;
    });
  }

  private async rows(tx: EntityManager, academicYearId: string): Promise<WorkingModeView[]> {
    const rows = await tx.find(WorkingMode, { where: { academicYearId }, order: { gradeFrom: 'ASC' } });
    return rows.map(WorkingModeView.from);
  }
}
