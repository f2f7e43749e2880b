import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { CalendarService } from '../../curriculum/calendar/calendar.service';
import { addDays, datesBetween } from '../../curriculum/calendar/school-days';
import { requireClass } from '../../curriculum/plans/school-references';
import { effectiveLessons } from '../../curriculum/timetable/effective-week';
import { loadWeek } from '../../curriculum/timetable/effective-week.query';
import { type Actor, requireRole, rolesIn } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { LESSON_GENERATORS } from '../journal.roles';
import type { GenerateLessonsDto, GenerateLessonsResult } from './lesson.dto';
import { type ExistingLesson, isEmptyPlan, planLessonSync, type SyncPlan, wantedOf } from './lesson-generation';

const MAX_SPAN_DAYS = 400;
const INSERT_CHUNK = 1000;

interface Scope {
  schoolId: string;
  academicYearId: string;
  from: string;
  to: string;
  classId: string | null;
}

/** Anything entered on a lesson: such a lesson is never removed or cancelled by a regeneration. */
const HAS_ENTRIES = `(l.topic IS NOT NULL OR l.held OR l.first_entered_at IS NOT NULL
  OR EXISTS (SELECT 1 FROM homework h WHERE h.lesson_id = l.id) OR EXISTS (SELECT 1 FROM homework_files f WHERE f.lesson_id = l.id)
  OR EXISTS (SELECT 1 FROM marks m WHERE m.lesson_id = l.id) OR EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = l.id)
  OR EXISTS (SELECT 1 FROM remarks rm WHERE rm.lesson_id = l.id) OR EXISTS (SELECT 1 FROM control_works cw WHERE cw.lesson_id = l.id))`;

/**
 * R-JRN-01: dated lessons from the effective timetable (template, one-off changes, substitutions) for the school calendar — holidays
 * skipped, cancelled lessons kept as cancelled, moved ones at their new place, a substitution recorded beside the teacher of record.
 * Idempotent (unique timetable entry × date); a later one-off change is applied to lessons already generated.
 */
@Injectable()
export class LessonGeneratorService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly calendar: CalendarService) {}

  async generate(actor: Actor, dto: GenerateLessonsDto): Promise<GenerateLessonsResult> {
    const [year] = await this.db.query(`SELECT id, school_id, status, starts_on::text AS starts_on, ends_on::text AS ends_on FROM academic_years WHERE id = $1`,
      [dto.academicYearId]);
    if (!year || rolesIn(actor.principal, year.school_id).length === 0) throw new NotFound('No such academic year');
    const a = requireRole(actor, year.school_id, LESSON_GENERATORS);
    if (year.status === 'closed') throw new Conflict('The academic year is closed and read-only');
    if (dto.to < dto.from) throw new InvalidField('to', 'to must not be before from');
    if (dto.from < year.starts_on || dto.from > year.ends_on) throw new InvalidField('from', `from must lie within the academic year (${year.starts_on} – ${year.ends_on})`);
    if (dto.to > year.ends_on) throw new InvalidField('to', `to must lie within the academic year (${year.starts_on} – ${year.ends_on})`);
    if (addDays(dto.from, MAX_SPAN_DAYS) <= dto.to) throw new InvalidField('to', `at most ${MAX_SPAN_DAYS} days at once`);
    if (dto.classId) await requireClass(this.db.manager, year.school_id, dto.classId, year.id);
    const scope: Scope = { schoolId: year.school_id, academicYearId: year.id, from: dto.from, to: dto.to, classId: dto.classId ?? null };
    return this.db.transaction((tx) => this.sync(tx, actor, a.role, scope, null));
  }

  /**
   * "My day" never waits for a batch: the lessons of `date` for the whole school are generated (or brought in line with the day's
   * one-off changes) on the fly, idempotently. Nothing is written when they are already there; a closed year is left alone.
   */
  async ensureDate(actor: Actor, schoolId: string, date: string): Promise<void> {
    const [year] = await this.db.query(
      `SELECT id, status FROM academic_years WHERE school_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date ORDER BY starts_on LIMIT 1`, [schoolId, date]);
    if (!year || year.status === 'closed') return;
    const scope: Scope = { schoolId, academicYearId: year.id, from: date, to: date, classId: null };
    if (isEmptyPlan(await this.plan(this.db.manager, scope))) return;
    await this.db.transaction((tx) => this.sync(tx, actor, rolesIn(actor.principal, schoolId)[0] ?? null, scope, 'Уроки дня сформированы при открытии «Моего дня»'));
  }

  private async sync(tx: EntityManager, actor: Actor, role: string | null, s: Scope, reason: string | null): Promise<GenerateLessonsResult> {
    // One generation of a school at a time: the plan below stays true until commit.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`lessons:${s.schoolId}`]);
    const plan = await this.plan(tx, s);
    const created = await this.insert(tx, s, plan);
    for (const u of plan.update) {
      await tx.query(`UPDATE lessons SET lesson_number = $2, teacher_id = $3, substitute_teacher_id = $4, room_id = $5, cancelled = $6, version = version + 1
        WHERE id = $1`, [u.id, u.after.lessonNumber, u.after.teacherId, u.after.substituteTeacherId, u.after.roomId, u.after.cancelled]);
    }
    let removed: string[] = [];
    if (plan.remove.length) {
      const [rows] = await tx.query(`DELETE FROM lessons l WHERE l.id = ANY($1::uuid[]) AND NOT ${HAS_ENTRIES} RETURNING l.id`, [plan.remove]);
      removed = (rows as { id: string }[]).map((r) => r.id);
    }
    const result: GenerateLessonsResult = {
      created: created.length, existing: plan.existing + (plan.create.length - created.length), updated: plan.update.length, removed: removed.length,
      kept: plan.kept + (plan.remove.length - removed.length),
    };
    if (created.length || plan.update.length || removed.length) {
      await this.audit.record(tx, { schoolId: s.schoolId, actor, role, action: 'lesson.generate', entity: 'academic_year', entityId: s.academicYearId,
        after: { from: s.from, to: s.to, classId: s.classId, ...result, updatedLessons: plan.update, removedLessons: removed }, reason });
    }
    return result;
  }

  private async plan(tx: EntityManager, s: Scope): Promise<SyncPlan> {
    const cal = await this.calendar.forYear(s.academicYearId, tx);
    const from = s.from < cal.yearStart ? cal.yearStart : s.from;
    const to = s.to > cal.yearEnd ? cal.yearEnd : s.to;
    const { entries, changes } = await loadWeek(tx, { schoolId: s.schoolId, from, to, classId: s.classId ?? undefined });
    const wanted = effectiveLessons(from <= to ? datesBetween(from, to) : [], entries, changes, cal.isSchoolDay)
      .filter((l) => !s.classId || l.classId === s.classId).map(wantedOf);
    const existing: ExistingLesson[] = await tx.query(
      `SELECT l.id, l.timetable_entry_id AS "entryId", l.date::text AS date, l.lesson_number AS "lessonNumber", l.teacher_id AS "teacherId",
              l.substitute_teacher_id AS "substituteTeacherId", l.room_id AS "roomId", l.cancelled, ${HAS_ENTRIES} AS "hasEntries"
         FROM lessons l
        WHERE l.school_id = $1 AND l.academic_year_id = $2 AND l.source = 'timetable' AND l.timetable_entry_id IS NOT NULL
          AND l.date BETWEEN $3::date AND $4::date AND ($5::uuid IS NULL OR l.class_id = $5)`,
      [s.schoolId, s.academicYearId, s.from, s.to, s.classId]);
    return planLessonSync(wanted, existing);
  }

  /** Inserts in chunks; a lesson another transaction inserted first is skipped by the unique key (entry, date). */
  private async insert(tx: EntityManager, s: Scope, plan: SyncPlan): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < plan.create.length; i += INSERT_CHUNK) {
      const chunk = plan.create.slice(i, i + INSERT_CHUNK);
      const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((c) => c[k]);
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subgroup_id, subject_id, teacher_id, substitute_teacher_id,
                              room_id, timetable_entry_id, source, cancelled)
         SELECT u.id, $1, $2, u.date, u.lesson_number, u.class_id, u.subgroup_id, u.subject_id, u.teacher_id, u.substitute_teacher_id, u.room_id,
                u.entry_id, 'timetable', u.cancelled
           FROM unnest($3::uuid[], $4::date[], $5::int[], $6::uuid[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::uuid[], $13::boolean[])
             AS u(id, date, lesson_number, class_id, subgroup_id, subject_id, teacher_id, substitute_teacher_id, room_id, entry_id, cancelled)
         ON CONFLICT (timetable_entry_id, date) WHERE timetable_entry_id IS NOT NULL DO NOTHING
         RETURNING id`,
        [s.schoolId, s.academicYearId, chunk.map(() => newId()), col('date'), col('lessonNumber'), col('classId'), col('subgroupId'), col('subjectId'),
          col('teacherId'), col('substituteTeacherId'), col('roomId'), col('entryId'), col('cancelled')]);
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }
}
