import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { AcademicYear } from '../../roster/years/academic-year.entity';
import { YearsService } from '../../roster/years/years.service';
import { addDays } from '../calendar/school-days';
import { CalendarService } from '../calendar/calendar.service';
import { CURRICULUM_READ, PLANNING_WRITE } from '../curriculum.roles';
import { TeacherLoadsService } from '../loads/teacher-loads.service';
import { requireClass, requireRoom, requireSubgroupOf, requireSubject, schoolToday } from '../plans/school-references';
import { findTemplateClash, type TemplateBooking } from './conflicts';
import { TimetableChange, TimetableEntry } from './timetable.entities';
import { CreateTimetableEntryDto, TimetableEntryView, UpdateTimetableEntryDto } from './timetable.dto';

export const ENTRY_SQL = `SELECT t.id, t.academic_year_id AS "academicYearId", t.weekday, t.lesson_number AS "lessonNumber", t.class_id AS "classId",
  c.grade || c.letter AS "className", t.subgroup_id AS "subgroupId", g.name AS "subgroupName", t.subject_id AS "subjectId", s.name AS "subjectName",
  t.teacher_id AS "teacherId", concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "teacherName", t.room_id AS "roomId", r.name AS "roomName",
  t.valid_from::text AS "validFrom", t.valid_to::text AS "validTo", t.version
  FROM timetable_entries t JOIN classes c ON c.id = t.class_id JOIN subjects s ON s.id = t.subject_id JOIN persons p ON p.id = t.teacher_id
  LEFT JOIN subgroups g ON g.id = t.subgroup_id LEFT JOIN rooms r ON r.id = t.room_id`;

export async function entryView(tx: EntityManager, id: string): Promise<TimetableEntryView> {
  const [row] = await tx.query(`${ENTRY_SQL} WHERE t.id = $1`, [id]);
  return row;
}

/** Timetable writes of a school run one at a time, so two deputies cannot book the same slot concurrently. */
export async function lockTimetable(tx: EntityManager, schoolId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('timetable:' || $1))`, [schoolId]);
}

/** R-CUR-08: the weekly template — entries valid from a date, checked for double bookings and against the teacher load. */
@Injectable()
export class TimetableEntriesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly classes: ClassesService, private readonly calendar: CalendarService, private readonly loads: TeacherLoadsService) {}

  async list(actor: Actor, q: { academicYearId: string; classId?: string; teacherId?: string; roomId?: string; on?: string }): Promise<TimetableEntryView[]> {
    const year = await this.years.find(actor, q.academicYearId);
    requireRole(actor, year.schoolId, CURRICULUM_READ, 'roster:read');
    return this.db.query(
      `${ENTRY_SQL} WHERE t.academic_year_id = $1 AND ($2::uuid IS NULL OR t.class_id = $2) AND ($3::uuid IS NULL OR t.teacher_id = $3)
          AND ($4::uuid IS NULL OR t.room_id = $4) AND ($5::date IS NULL OR (t.valid_from <= $5 AND (t.valid_to IS NULL OR t.valid_to >= $5)))
        ORDER BY t.weekday, t.lesson_number, c.grade, c.letter, g.name NULLS FIRST, t.valid_from`,
      [q.academicYearId, q.classId ?? null, q.teacherId ?? null, q.roomId ?? null, q.on ?? null]);
  }

  async create(actor: Actor, dto: CreateTimetableEntryDto): Promise<TimetableEntryView> {
    const year = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, year.schoolId, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, year.id);
      await lockTimetable(tx, year.schoolId);
      const cls = await requireClass(tx, year.schoolId, dto.classId, year.id);
      await this.assertWeekday(year.id, cls.grade, dto.weekday);
      assertValidity(year, dto.validFrom, dto.validTo ?? null);
      if (dto.subgroupId) await requireSubgroupOf(tx, cls.id, dto.subgroupId);
      await requireSubject(tx, year.schoolId, dto.subjectId);
      if (dto.roomId) await requireRoom(tx, year.schoolId, dto.roomId);
      const entry = tx.create(TimetableEntry, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, weekday: dto.weekday,
        lessonNumber: dto.lessonNumber, classId: cls.id, subgroupId: dto.subgroupId ?? null, subjectId: dto.subjectId, teacherId: dto.teacherId,
        roomId: dto.roomId ?? null, validFrom: dto.validFrom, validTo: dto.validTo ?? null });
      await this.assertTeaches(tx, entry);
      await this.assertNoClash(tx, entry);
      await tx.insert(TimetableEntry, entry);
      const view = await entryView(tx, entry.id);
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'timetable_entry.create', entity: 'timetable_entry',
        entityId: entry.id, after: view });
      return view;
    });
  }

  /**
   * Moves an entry (weekday, lesson, room, teacher) with the same checks as a new one. With `effectiveFrom` the entry
   * ends the day before and a new entry carries the change on (history kept); without it the entry is corrected in place.
   */
  async update(actor: Actor, id: string, dto: UpdateTimetableEntryDto): Promise<TimetableEntryView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      await lockTimetable(tx, found.schoolId);
      const e = await tx.findOneOrFail(TimetableEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(e.version, dto.version);
      await this.classes.assertYearNotClosed(tx, e.academicYearId);
      const cls = await requireClass(tx, e.schoolId, e.classId);
      const next: TimetableEntry = { ...e, weekday: dto.weekday ?? e.weekday, lessonNumber: dto.lessonNumber ?? e.lessonNumber,
        roomId: dto.roomId === undefined ? e.roomId : dto.roomId, teacherId: dto.teacherId ?? e.teacherId };
      if (dto.weekday !== undefined) await this.assertWeekday(e.academicYearId, cls.grade, next.weekday);
      if (next.roomId && next.roomId !== e.roomId) await requireRoom(tx, e.schoolId, next.roomId);
      if (next.teacherId !== e.teacherId) await this.assertTeaches(tx, next);
      const before = await entryView(tx, id);
      const split = dto.effectiveFrom !== undefined && dto.effectiveFrom > e.validFrom;
      if (dto.effectiveFrom !== undefined) {
        if (!validOnOrAfter(e, dto.effectiveFrom)) throw new InvalidField('effectiveFrom', 'must be within the entry\'s validity');
      }
      if (!split) {
        await this.assertNoClash(tx, next);
        await tx.save(TimetableEntry, next);
        const after = await entryView(tx, id);
        await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'timetable_entry.update', entity: 'timetable_entry',
          entityId: id, before: snapshot(before), after });
        return after;
      }
      const from = dto.effectiveFrom as string;
      const successor: TimetableEntry = { ...next, id: newId(), validFrom: from, version: 1 };
      await this.assertNoClash(tx, successor, [id]);
      await this.endEntry(tx, e, from);
      await tx.insert(TimetableEntry, successor);
      const ended = await entryView(tx, id);
      const after = await entryView(tx, successor.id);
      await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'timetable_entry.end', entity: 'timetable_entry',
        entityId: id, before: snapshot(before), after: ended, reason: `Replaced from ${from}` });
      await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'timetable_entry.create', entity: 'timetable_entry',
        entityId: successor.id, after: { ...after, replaces: id } });
      return after;
    });
  }

  /**
   * Removes an entry from `from` (default: today in the school's zone): it ends the day before, so past lessons keep
   * their template; an entry not yet started by then is deleted. Changes of the removed dates go with it.
   */
  async remove(actor: Actor, id: string, from?: string): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    await this.db.transaction(async (tx) => {
      await lockTimetable(tx, found.schoolId);
      const e = await tx.findOneOrFail(TimetableEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
      await this.classes.assertYearNotClosed(tx, e.academicYearId);
      const day = from ?? (await schoolToday(tx, e.schoolId));
      const before = await entryView(tx, id);
      if (e.validFrom >= day) {
        await tx.delete(TimetableChange, { entryId: id });
        await tx.delete(TimetableEntry, { id });
        await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'timetable_entry.delete', entity: 'timetable_entry',
          entityId: id, before: snapshot(before) });
        return;
      }
      if (e.validTo !== null && e.validTo < day) throw new Conflict(`The entry already ended on ${e.validTo}`);
      await this.endEntry(tx, e, day);
      await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'timetable_entry.end', entity: 'timetable_entry',
        entityId: id, before: snapshot(before), after: await entryView(tx, id) });
    });
  }

  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<TimetableEntry> {
    const e = await tx.findOneBy(TimetableEntry, { id });
    if (!e || !actor.principal.memberships.some((m) => m.schoolId === e.schoolId)) throw new NotFound('No such timetable entry');
    return e;
  }

  /** Ends an entry the day before `from` and drops its one-off changes from `from` on. */
  private async endEntry(tx: EntityManager, e: TimetableEntry, from: string): Promise<void> {
    await tx.query(`DELETE FROM timetable_changes WHERE entry_id = $1 AND date >= $2`, [e.id, from]);
    await tx.query(`UPDATE timetable_entries SET valid_to = $2, version = version + 1 WHERE id = $1`, [e.id, addDays(from, -1)]);
  }

  /** R-CUR-07: lessons only on the working days of the class's grade. */
  private async assertWeekday(academicYearId: string, grade: number, weekday: number): Promise<void> {
    const days = (await this.calendar.forYear(academicYearId)).daysPerWeek(grade);
    if (weekday > days) throw new InvalidField('weekday', `grade ${grade} studies ${days} days a week`);
  }

  /** R-CUR-06: the teacher load is the source of who may teach what. */
  private async assertTeaches(tx: EntityManager, e: TimetableEntry): Promise<void> {
    await this.loads.assertTeacher(tx, e.schoolId, e.teacherId);
    if (!(await this.loads.teaches(tx, e))) {
      throw new Unprocessable('The teacher has no load for this class, subgroup and subject',
        { errors: [{ field: 'teacherId', message: 'no teacher load for this class, subgroup and subject' }] });
    }
  }

  /** R-CUR-08: 409 with the clashing entry when the teacher, the room or the class is taken at that time. */
  private async assertNoClash(tx: EntityManager, candidate: TemplateBooking & { schoolId: string }, ignore: string[] = []): Promise<void> {
    const same: (TemplateBooking & { id: string })[] = await tx.query(
      `SELECT id, class_id AS "classId", subgroup_id AS "subgroupId", teacher_id AS "teacherId", room_id AS "roomId", weekday,
              lesson_number AS "lessonNumber", valid_from::text AS "validFrom", valid_to::text AS "validTo"
         FROM timetable_entries WHERE school_id = $1 AND weekday = $2 AND lesson_number = $3 AND NOT (id = ANY($4::uuid[]))
          AND (teacher_id = $5 OR room_id = $6 OR class_id = $7)`,
      [candidate.schoolId, candidate.weekday, candidate.lessonNumber, ignore, candidate.teacherId, candidate.roomId, candidate.classId]);
    const clash = findTemplateClash(candidate, same);
    if (clash) {
      const what = { teacher: 'The teacher is busy', room: 'The room is taken', class: 'The class already has a lesson' }[clash.kind];
      throw new Conflict(`${what} at that time`, { clashKind: clash.kind, clash: await entryView(tx, clash.with.id) });
    }
  }
}

/** The entry's dates lie inside the academic year (R-CUR-01). */
function assertValidity(year: AcademicYear, validFrom: string, validTo: string | null): void {
  if (validFrom < year.startsOn || validFrom > year.endsOn) throw new InvalidField('validFrom', `must be within the academic year ${year.startsOn}..${year.endsOn}`);
  if (validTo !== null && (validTo < validFrom || validTo > year.endsOn)) throw new InvalidField('validTo', `must be from validFrom to the year's end ${year.endsOn}`);
}

const validOnOrAfter = (e: TimetableEntry, date: string): boolean => date >= e.validFrom && (e.validTo === null || date <= e.validTo);
