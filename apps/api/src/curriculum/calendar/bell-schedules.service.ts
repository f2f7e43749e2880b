import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { YearsService } from '../../roster/years/years.service';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { type BellSlotInput, checkBellSlots } from './calendar-rules';
import { BellSchedule, BellSlot } from './calendar.entities';
import { BellScheduleView, CreateBellScheduleDto, UpdateBellScheduleDto } from './calendar.dto';
import { lockWritableYear } from './year-lock';

const WEEKDAY_RU = ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

/** R-CUR-07: bell schedules (lesson number → start and end); one schedule per weekday, so a shortened Saturday has its own. */
@Injectable()
export class BellSchedulesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService) {}

  async list(actor: Actor, academicYearId: string): Promise<BellScheduleView[]> {
    const y = await this.years.find(actor, academicYearId);
    requireRole(actor, y.schoolId, CURRICULUM_READ, 'roster:read');
    const schedules = await this.db.getRepository(BellSchedule).find({ where: { academicYearId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const slots = schedules.length
      ? await this.db.getRepository(BellSlot).createQueryBuilder('s').where('s.scheduleId IN (:...ids)', { ids: schedules.map((s) => s.id) }).getMany()
      : [];
    return schedules.map((s) => BellScheduleView.from(s, slots.filter((x) => x.scheduleId === s.id)))
      .sort((a, b) => a.weekdays[0] - b.weekdays[0]);
  }

  async get(actor: Actor, id: string): Promise<BellScheduleView> {
    const s = await this.find(actor, id);
    requireRole(actor, s.schoolId, CURRICULUM_READ, 'roster:read');
    return this.view(this.db.manager, id);
  }

  async create(actor: Actor, dto: CreateBellScheduleDto): Promise<BellScheduleView> {
    const found = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    assertSlots(dto.slots);
    return this.db.transaction(async (tx) => {
      const year = await lockWritableYear(tx, dto.academicYearId);
      await this.assertWeekdaysFree(tx, year.id, dto.weekdays, null);
      const s = tx.create(BellSchedule, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, name: dto.name, weekdays: dto.weekdays });
      await tx.insert(BellSchedule, s);
      await this.insertSlots(tx, s, dto.slots);
      const after = await this.view(tx, s.id);
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'bell_schedule.create', entity: 'bell_schedule', entityId: s.id, after });
      return after;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateBellScheduleDto): Promise<BellScheduleView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    if (dto.slots) assertSlots(dto.slots);
    return this.db.transaction(async (tx) => {
      await lockWritableYear(tx, found.academicYearId);
      const s = await tx.findOneOrFail(BellSchedule, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(s.version, dto.version);
      if (dto.weekdays) await this.assertWeekdaysFree(tx, s.academicYearId, dto.weekdays, id);
      const before = await this.view(tx, id);
      // Slots live in their own table, so the version moves explicitly: a change of times alone is a change too.
      await tx.save(BellSchedule, { ...s, name: dto.name ?? s.name, weekdays: dto.weekdays ?? s.weekdays, version: s.version + 1 });
      if (dto.slots) {
        await tx.delete(BellSlot, { scheduleId: id });
        await this.insertSlots(tx, s, dto.slots);
      }
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: s.schoolId, actor, role: a.role, action: 'bell_schedule.update', entity: 'bell_schedule', entityId: id,
        before, after, reason: dto.reason ?? null });
      return after;
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    await this.db.transaction(async (tx) => {
      await lockWritableYear(tx, found.academicYearId);
      const s = await tx.findOneOrFail(BellSchedule, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(s.version, version);
      const before = await this.view(tx, id);
      await tx.delete(BellSchedule, { id });
      await this.audit.record(tx, { schoolId: s.schoolId, actor, role: a.role, action: 'bell_schedule.delete', entity: 'bell_schedule', entityId: id, before });
    });
  }

  private async find(actor: Actor, id: string): Promise<BellSchedule> {
    const s = await this.db.getRepository(BellSchedule).findOneBy({ id });
    if (!s || !actor.principal.memberships.some((m) => m.schoolId === s.schoolId)) throw new NotFound('No such bell schedule');
    return s;
  }

  private async view(tx: EntityManager, id: string): Promise<BellScheduleView> {
    const s = await tx.findOneByOrFail(BellSchedule, { id });
    return BellScheduleView.from(s, await tx.find(BellSlot, { where: { scheduleId: id } }));
  }

  private async insertSlots(tx: EntityManager, s: BellSchedule, slots: BellSlotInput[]): Promise<void> {
    for (const x of slots) {
      await tx.insert(BellSlot, { scheduleId: s.id, schoolId: s.schoolId, lessonNumber: x.lessonNumber, startsAt: x.startsAt, endsAt: x.endsAt });
    }
  }

  /** At most one schedule per weekday, so which bells ring on a day is never ambiguous. */
  private async assertWeekdaysFree(tx: EntityManager, academicYearId: string, weekdays: number[], exceptId: string | null): Promise<void> {
    const rows: { name: string; weekdays: number[] }[] = await tx.query(
      `SELECT name, weekdays FROM bell_schedules WHERE academic_year_id = $1 AND weekdays && $2::int[] AND ($3::uuid IS NULL OR id <> $3)`,
      [academicYearId, weekdays, exceptId]);
    if (rows.length) {
      const day = weekdays.find((d) => rows[0].weekdays.includes(d)) ?? weekdays[0];
      throw new Conflict(`The schedule "${rows[0].name}" already covers ${WEEKDAY_RU[day]}; one bell schedule per weekday`);
    }
  }
}

function assertSlots(slots: BellSlotInput[]): void {
  const problems = checkBellSlots(slots);
  if (problems.length) throw new InvalidField(problems[0].field, problems[0].message);
}
