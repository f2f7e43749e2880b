import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, LessThanOrEqual, MoreThanOrEqual, QueryFailedError } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { AcademicYear } from '../../roster/years/academic-year.entity';
import { YearsService } from '../../roster/years/years.service';
import { CalendarService } from '../calendar/calendar.service';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { checkPeriodScheme, periodName, type SchemeProblem } from './period-scheme';
import { StudyPeriod } from './study-period.entity';
import { ClosePeriodDto, PeriodView, ReopenPeriodDto, ReplacePeriodSchemeDto } from './period.dto';

const rangeText = (from: number, to: number) => (from === to ? `grade ${from}` : `grades ${from}–${to}`);

/**
 * R-CUR-02: study periods per academic year and grade range. The admin sets a scheme and closes periods; the journal module asks
 * `periodFor`/`isClosed` to lock the data of a closed period.
 */
@Injectable()
export class PeriodsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly calendar: CalendarService) {}

  async list(actor: Actor, academicYearId: string, grade?: number): Promise<PeriodView[]> {
    const y = await this.years.find(actor, academicYearId);
    requireRole(actor, y.schoolId, CURRICULUM_READ, 'roster:read');
    const where = grade === undefined ? { academicYearId } : { academicYearId, gradeFrom: LessThanOrEqual(grade), gradeTo: MoreThanOrEqual(grade) };
    const rows = await this.db.getRepository(StudyPeriod).find({ where, order: { gradeFrom: 'ASC', number: 'ASC' } });
    return rows.map(PeriodView.from);
  }

  async get(actor: Actor, id: string): Promise<PeriodView> {
    const p = await this.find(actor, id);
    requireRole(actor, p.schoolId, CURRICULUM_READ, 'roster:read');
    return PeriodView.from(p);
  }

  /**
   * R-CUR-02: replaces the scheme of one grade range atomically. Periods keep their ids by number (period marks refer to them);
   * a scheme with a closed period, or a range overlapping another scheme of the year, is refused (409).
   */
  async replaceScheme(actor: Actor, dto: ReplacePeriodSchemeDto): Promise<PeriodView[]> {
    const found = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    if (dto.gradeTo < dto.gradeFrom) throw new InvalidField('gradeTo', 'gradeTo must not be below gradeFrom');
    return this.db.transaction(async (tx) => {
      const year = await this.lockOpenYear(tx, dto.academicYearId);
      const cal = await this.calendar.forYear(year.id, tx);
      const problems = checkPeriodScheme(dto.kind, dto.periods, {
        yearStart: cal.yearStart, yearEnd: cal.yearEnd,
        isSchoolDay: (date) => grades(dto.gradeFrom, dto.gradeTo).some((g) => cal.isSchoolDay(date, g)),
      });
      if (problems.length) throw new InvalidField(problems[0].field, problems[0].message);
      const current = await this.sameRangeOrConflict(tx, year.id, dto.gradeFrom, dto.gradeTo);
      const reason = dto.reason ?? null;
      for (const [i, dates] of dto.periods.entries()) {
        const number = i + 1;
        const next = { kind: dto.kind, name: periodName(dto.kind, number), startsOn: dates.startsOn, endsOn: dates.endsOn };
        const before = current.find((p) => p.number === number);
        if (!before) {
          const p = tx.create(StudyPeriod, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, gradeFrom: dto.gradeFrom,
            gradeTo: dto.gradeTo, number, ...next, status: 'open', closedAt: null, closedBy: null });
          await tx.insert(StudyPeriod, p);
          const after = await tx.findOneByOrFail(StudyPeriod, { id: p.id });
          await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'study_period.create', entity: 'study_period',
            entityId: p.id, after: snapshot(after), reason });
        } else if (Object.entries(next).some(([k, v]) => before[k as keyof typeof next] !== v)) {
          const after = await tx.save(StudyPeriod, { ...before, ...next });
          await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'study_period.update', entity: 'study_period',
            entityId: before.id, before: snapshot(before), after: snapshot(after), reason });
        }
      }
      for (const extra of current.filter((p) => p.number > dto.periods.length)) await this.deletePeriod(tx, a.role, actor, extra, reason);
      const rows = await tx.find(StudyPeriod, { where: { academicYearId: year.id, gradeFrom: dto.gradeFrom, gradeTo: dto.gradeTo }, order: { number: 'ASC' } });
      return rows.map(PeriodView.from);
    });
  }

  /** Removes the scheme of one grade range (to restructure ranges); refused while one of its periods is closed. */
  async deleteScheme(actor: Actor, academicYearId: string, gradeFrom: number, gradeTo: number): Promise<void> {
    const found = await this.years.find(actor, academicYearId);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    await this.db.transaction(async (tx) => {
      const year = await this.lockOpenYear(tx, academicYearId);
      const current = await tx.find(StudyPeriod, { where: { academicYearId: year.id, gradeFrom, gradeTo } });
      if (current.length === 0) throw new NotFound(`No scheme of ${rangeText(gradeFrom, gradeTo)} in this year`);
      this.assertNoneClosed(current);
      for (const p of current) await this.deletePeriod(tx, a.role, actor, p, null);
    });
  }

  /** R-CUR-02: the admin closes a period; the journal then refuses changes to its data. */
  async close(actor: Actor, id: string, dto: ClosePeriodDto): Promise<PeriodView> {
    return this.changeStatus(actor, id, dto.version, 'study_period.close', dto.reason ?? null, (p) => {
      if (p.status === 'closed') throw new Conflict(`${p.name} (${rangeText(p.gradeFrom, p.gradeTo)}) is already closed`);
      return { ...p, status: 'closed' as const, closedAt: new Date(), closedBy: actor.principal.userId };
    });
  }

  /** Reopening unlocks the journal data again, so it needs a stated reason, kept in the audit log. */
  async reopen(actor: Actor, id: string, dto: ReopenPeriodDto): Promise<PeriodView> {
    return this.changeStatus(actor, id, dto.version, 'study_period.reopen', dto.reason, async (p, tx) => {
      if (p.status === 'open') throw new Conflict(`${p.name} (${rangeText(p.gradeFrom, p.gradeTo)}) is not closed`);
      const year = await tx.findOneByOrFail(AcademicYear, { id: p.academicYearId });
      if (year.status === 'closed') throw new Conflict('The academic year is closed; its periods stay closed');
      return { ...p, status: 'open' as const, closedAt: null, closedBy: null };
    });
  }

  /**
   * Runs a calendar change (holidays, working mode) and refuses it (409) when it would break a period scheme of the year that fit the
   * calendar before: e.g. deleting the autumn vacation leaves school days between two quarters in no period (R-CUR-02).
   */
  async guardCalendarChange<T>(tx: EntityManager, academicYearId: string, change: () => Promise<T>): Promise<T> {
    const before = await this.schemeProblems(tx, academicYearId);
    const result = await change();
    const after = await this.schemeProblems(tx, academicYearId);
    for (const [range, problems] of after) {
      if (problems.length && !before.get(range)?.length) {
        throw new Conflict(`The study periods of ${range} would no longer fit the calendar: ${problems[0].field}: ${problems[0].message}`);
      }
    }
    return result;
  }

  /** The study period covering `date` for `grade`, or null (a vacation between periods, or no scheme). For the journal's lock. */
  async periodFor(tx: EntityManager, schoolId: string, academicYearId: string, grade: number, date: string): Promise<StudyPeriod | null> {
    return tx.findOneBy(StudyPeriod, { schoolId, academicYearId, gradeFrom: LessThanOrEqual(grade), gradeTo: MoreThanOrEqual(grade),
      startsOn: LessThanOrEqual(date), endsOn: MoreThanOrEqual(date) });
  }

  /** R-CUR-02: whether journal data of `grade` on `date` is locked because its period is closed. */
  async isClosed(tx: EntityManager, schoolId: string, academicYearId: string, grade: number, date: string): Promise<boolean> {
    return (await this.periodFor(tx, schoolId, academicYearId, grade, date))?.status === 'closed';
  }

  /** Problems of each scheme of the year against the current calendar, keyed by its grade range. */
  private async schemeProblems(tx: EntityManager, academicYearId: string): Promise<Map<string, SchemeProblem[]>> {
    const all = await tx.find(StudyPeriod, { where: { academicYearId }, order: { gradeFrom: 'ASC', gradeTo: 'ASC', number: 'ASC' } });
    const out = new Map<string, SchemeProblem[]>();
    if (all.length === 0) return out;
    const cal = await this.calendar.forYear(academicYearId, tx);
    const ranges = [...new Set(all.map((p) => `${p.gradeFrom}-${p.gradeTo}`))];
    for (const key of ranges) {
      const periods = all.filter((p) => `${p.gradeFrom}-${p.gradeTo}` === key);
      const { gradeFrom, gradeTo, kind } = periods[0];
      out.set(rangeText(gradeFrom, gradeTo), checkPeriodScheme(kind, periods, { yearStart: cal.yearStart, yearEnd: cal.yearEnd,
        isSchoolDay: (date) => grades(gradeFrom, gradeTo).some((g) => cal.isSchoolDay(date, g)) }));
    }
    return out;
  }

  private async find(actor: Actor, id: string): Promise<StudyPeriod> {
    const p = await this.db.getRepository(StudyPeriod).findOneBy({ id });
    if (!p || !actor.principal.memberships.some((m) => m.schoolId === p.schoolId)) throw new NotFound('No such study period');
    return p;
  }

  private async changeStatus(actor: Actor, id: string, version: number, action: string, reason: string | null,
    apply: (p: StudyPeriod, tx: EntityManager) => StudyPeriod | Promise<StudyPeriod>): Promise<PeriodView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      const before = await tx.findOneOrFail(StudyPeriod, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, version);
      const after = await tx.save(StudyPeriod, await apply(before, tx));
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action, entity: 'study_period', entityId: id,
        before: snapshot(before), after: snapshot(after), reason });
      return PeriodView.from(after);
    });
  }

  /** Locks the year row so concurrent scheme changes of one year run one after another. */
  private async lockOpenYear(tx: EntityManager, academicYearId: string): Promise<AcademicYear> {
    const year = await tx.findOneOrFail(AcademicYear, { where: { id: academicYearId }, lock: { mode: 'pessimistic_write' } });
    if (year.status === 'closed') throw new Conflict('The academic year is closed and read-only');
    return year;
  }

  /** The periods of exactly this range; 409 when another scheme's range overlaps it or one of its periods is closed. */
  private async sameRangeOrConflict(tx: EntityManager, academicYearId: string, gradeFrom: number, gradeTo: number): Promise<StudyPeriod[]> {
    const all = await tx.find(StudyPeriod, { where: { academicYearId }, order: { number: 'ASC' } });
    const clash = all.find((p) => (p.gradeFrom !== gradeFrom || p.gradeTo !== gradeTo) && p.gradeFrom <= gradeTo && gradeFrom <= p.gradeTo);
    if (clash) {
      throw new Conflict(`${rangeText(gradeFrom, gradeTo)} overlaps the scheme of ${rangeText(clash.gradeFrom, clash.gradeTo)}; delete that scheme first`);
    }
    const current = all.filter((p) => p.gradeFrom === gradeFrom && p.gradeTo === gradeTo);
    this.assertNoneClosed(current);
    return current;
  }

  private assertNoneClosed(periods: StudyPeriod[]): void {
    const closed = periods.find((p) => p.status === 'closed');
    if (closed) throw new Conflict(`${closed.name} (${rangeText(closed.gradeFrom, closed.gradeTo)}) is closed; its scheme cannot be changed`);
  }

  private async deletePeriod(tx: EntityManager, role: string, actor: Actor, p: StudyPeriod, reason: string | null): Promise<void> {
    try {
      await tx.delete(StudyPeriod, { id: p.id });
    } catch (e) {
      if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23503') {
        throw new Conflict(`${p.name} already has journal data and cannot be removed`);
      }
      throw e;
    }
    await this.audit.record(tx, { schoolId: p.schoolId, actor, role, action: 'study_period.delete', entity: 'study_period', entityId: p.id,
      before: snapshot(p), reason });
  }
}

const grades = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
