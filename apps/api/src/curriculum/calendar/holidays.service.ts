import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import type { AcademicYear } from '../../roster/years/academic-year.entity';
import { YearsService } from '../../roster/years/years.service';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { PeriodsService } from '../periods/periods.service';
import { Holiday } from './calendar.entities';
import { CreateHolidayDto, HolidayView, UpdateHolidayDto } from './calendar.dto';
import { lockWritableYear } from './year-lock';

type HolidayFields = Pick<Holiday, 'kind' | 'name' | 'startsOn' | 'endsOn' | 'gradeFrom' | 'gradeTo'>;

/** R-CUR-07: public holidays and vacations of a year, possibly for some grades only (the extra February vacation of grade 1). */
@Injectable()
export class HolidaysService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly periods: PeriodsService) {}

  async list(actor: Actor, academicYearId: string): Promise<HolidayView[]> {
    const y = await this.years.find(actor, academicYearId);
    requireRole(actor, y.schoolId, CURRICULUM_READ, 'roster:read');
    const rows = await this.db.getRepository(Holiday).find({ where: { academicYearId }, order: { startsOn: 'ASC', gradeFrom: 'ASC' } });
    return rows.map(HolidayView.from);
  }

  async create(actor: Actor, dto: CreateHolidayDto): Promise<HolidayView> {
    const found = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    const fields: HolidayFields = { kind: dto.kind, name: dto.name, startsOn: dto.startsOn, endsOn: dto.endsOn, gradeFrom: dto.gradeFrom ?? 1,
      gradeTo: dto.gradeTo ?? 11 };
    return this.db.transaction(async (tx) => {
      const year = await lockWritableYear(tx, dto.academicYearId);
      assertFits(fields, year);
      const after = await this.periods.guardCalendarChange(tx, year.id, async () => {
        const h = tx.create(Holiday, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, ...fields });
        await tx.insert(Holiday, h);
        return tx.findOneByOrFail(Holiday, { id: h.id });
      });
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'holiday.create', entity: 'holiday', entityId: after.id,
        after: snapshot(after) });
      return HolidayView.from(after);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateHolidayDto): Promise<HolidayView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      const year = await lockWritableYear(tx, found.academicYearId);
      const before = await tx.findOneOrFail(Holiday, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, dto.version);
      const next = { ...before, kind: dto.kind ?? before.kind, name: dto.name ?? before.name, startsOn: dto.startsOn ?? before.startsOn,
        endsOn: dto.endsOn ?? before.endsOn, gradeFrom: dto.gradeFrom ?? before.gradeFrom, gradeTo: dto.gradeTo ?? before.gradeTo };
      assertFits(next, year);
      const after = await this.periods.guardCalendarChange(tx, year.id, () => tx.save(Holiday, next));
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'holiday.update', entity: 'holiday', entityId: id,
        before: snapshot(before), after: snapshot(after), reason: dto.reason ?? null });
      return HolidayView.from(after);
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    await this.db.transaction(async (tx) => {
      const year = await lockWritableYear(tx, found.academicYearId);
      const before = await tx.findOneOrFail(Holiday, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, version);
      await this.periods.guardCalendarChange(tx, year.id, () => tx.delete(Holiday, { id }));
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'holiday.delete', entity: 'holiday', entityId: id,
        before: snapshot(before) });
    });
  }

  private async find(actor: Actor, id: string): Promise<Holiday> {
    const h = await this.db.getRepository(Holiday).findOneBy({ id });
    if (!h || !actor.principal.memberships.some((m) => m.schoolId === h.schoolId)) throw new NotFound('No such holiday');
    return h;
  }
}

/** A holiday lies inside its academic year, ends no earlier than it starts, and has a proper grade range. */
function assertFits(h: HolidayFields, year: AcademicYear): void {
  if (h.startsOn < year.startsOn || h.startsOn > year.endsOn) {
    throw new InvalidField('startsOn', `must lie inside the academic year ${year.startsOn}..${year.endsOn}`);
  }
  if (h.endsOn < h.startsOn) throw new InvalidField('endsOn', 'endsOn must not be before startsOn');
  if (h.endsOn > year.endsOn) throw new InvalidField('endsOn', `must lie inside the academic year ${year.startsOn}..${year.endsOn}`);
  if (h.gradeTo < h.gradeFrom) throw new InvalidField('gradeTo', 'gradeTo must not be below gradeFrom');
}
