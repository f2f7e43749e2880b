import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { PeriodsService } from '../../curriculum/periods/periods.service';
import { type Actor, hasRole, requireRole, type SchoolActor } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { Forbidden, NotFound } from '../../platform/errors/domain-errors';
import { type FieldError, ValidationProblem } from '../../platform/errors/validation';
import { ClassesService } from '../../roster/classes/classes.service';
import { type DeniedItem, EditWindowClosed } from '../edit-policy/edit-window-closed';
import { localDate } from '../edit-policy/zoned-time';
import { JOURNAL_CONTROL, JOURNAL_READ_ALL } from '../journal.roles';
import {
  ABSENCE_REASONS, type AttendanceCorrectionsResult, type AttendanceCorrectionsView, type CorrectionAbsenceView, type CorrectionDayView,
  type CorrectionStudentView, type SaveAttendanceCorrectionsDto,
} from './attendance-corrections.dto';
import { correctionWeek } from './correction-week';

type ClassRow = Awaited<ReturnType<ClassesService['find']>>;

const PERSON = `concat_ws(' ', p.last_name, p.first_name, p.middle_name)`;
const REASONS = ABSENCE_REASONS as readonly string[];
const CLASS_TEACHER: readonly Role[] = ['class_teacher'];
const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * R-JRN-04 (002 §3.2.8): the class teacher corrects the reasons of absences weekly — an Н becomes Б when the medical certificate comes,
 * or У on a parent's note. Only the class teacher of the class (or the deputy) and only the reason of an absence that was recorded:
 * absences are added and removed by the lesson's teacher on the lesson page, lateness (ОП) is no absence. The current and the previous
 * week are open; older weeks need a change request (R-JRN-06). Each change is audited and bumps the lesson's version, so a lesson page
 * open elsewhere sees that it is stale.
 */
@Injectable()
export class AttendanceCorrectionsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    private readonly periods: PeriodsService, private readonly clock: Clock) {}

  /** The absences of the class's students in the week of `weekOf` (default: this week in the school's zone), by day and lesson. */
  async week(actor: Actor, classId: string, weekOf?: string): Promise<AttendanceCorrectionsView> {
    const cls = await this.classes.find(actor, classId);
    this.authorize(actor, cls, 'read');
    const tz = await this.timeZone(this.db.manager, cls.school_id);
    const w = correctionWeek(weekOf ?? localDate(this.clock.now(), tz), this.clock.now(), tz);
    const range = [classId, w.weekStart, w.weekEnd];
    const [lessons, absences, students] = await Promise.all([
      this.db.query(
        `SELECT l.id, l.date::text AS date, l.lesson_number AS "lessonNumber", l.subject_id AS "subjectId", sj.name AS "subjectName",
                g.name AS "subgroupName", l.version
           FROM lessons l JOIN subjects sj ON sj.id = l.subject_id LEFT JOIN subgroups g ON g.id = l.subgroup_id
          WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled
          ORDER BY l.date, l.lesson_number, g.name NULLS FIRST, sj.name`, range) as Promise<LessonItem[]>,
      this.db.query(
        `SELECT a.lesson_id AS "lessonId", a.student_id AS "studentId", ${PERSON} AS "fullName", a.code, a.updated_at AS "updatedAt"
           FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN students s ON s.id = a.student_id JOIN persons p ON p.id = s.person_id
          WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled AND a.code = ANY($4::text[])
          ORDER BY p.last_name, p.first_name, p.middle_name, s.id`, [...range, REASONS]) as Promise<(CorrectionAbsenceView & { lessonId: string })[]>,
      this.db.query(
        `SELECT s.id AS "studentId", ${PERSON} AS "fullName" FROM students s JOIN persons p ON p.id = s.person_id
          WHERE s.id IN (SELECT e.student_id FROM enrolments e WHERE e.class_id = $1 AND e.starts_on <= $3::date AND (e.ends_on IS NULL OR e.ends_on >= $2::date)
                         UNION SELECT a.student_id FROM attendance a JOIN lessons l ON l.id = a.lesson_id
                                WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND a.code = ANY($4::text[]))
          ORDER BY p.last_name, p.first_name, p.middle_name, s.id`, [...range, REASONS]) as Promise<{ studentId: string; fullName: string }[]>,
    ]);
    const days: CorrectionDayView[] = [];
    for (const l of lessons) {
      let day = days[days.length - 1];
      if (!day || day.date !== l.date) days.push(day = { date: l.date, lessons: [] });
      day.lessons.push({ lessonId: l.id, lessonNumber: l.lessonNumber, subjectId: l.subjectId, subjectName: l.subjectName, subgroupName: l.subgroupName,
        version: l.version, absences: absences.filter((a) => a.lessonId === l.id)
          .map((a) => ({ studentId: a.studentId, fullName: a.fullName, code: a.code, updatedAt: iso(a.updatedAt) })) });
    }
    const studentViews: CorrectionStudentView[] = students.map((s) => {
      const mine = absences.filter((a) => a.studentId === s.studentId);
      const n = (code: string) => mine.filter((a) => a.code === code).length;
      return { studentId: s.studentId, fullName: s.fullName, unexcused: n('Н'), excused: n('У'), illness: n('Б') };
    });
    return { classId, className: `${cls.grade}${cls.letter}`, weekStart: w.weekStart, weekEnd: w.weekEnd, correctable: w.state === 'open', state: w.state,
      correctableUntil: w.correctableUntil, needsChangeRequest: w.state === 'too_old', days, students: studentViews };
  }

  /** Changes the reasons of existing absences of the class, all or nothing, one audit entry per change. */
  async correct(actor: Actor, dto: SaveAttendanceCorrectionsDto): Promise<AttendanceCorrectionsResult> {
    const cls = await this.classes.find(actor, dto.classId);
    const a = this.authorize(actor, cls, 'write');
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    dto.items.forEach((item, i) => {
      const key = `${item.lessonId}:${item.studentId}`;
      if (seen.has(key)) errors.push({ field: `items[${i}]`, message: 'the same lesson and student are given twice' });
      seen.add(key);
    });
    if (errors.length) throw new ValidationProblem(errors);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const tz = await this.timeZone(tx, cls.school_id);
      const lessonIds = [...new Set(dto.items.map((item) => item.lessonId))].sort();
      // Lessons locked in one order, so two corrections of overlapping lessons queue instead of deadlocking.
      const lessons: LockedLesson[] = await tx.query(
        `SELECT l.id, l.class_id AS "classId", l.date::text AS date, l.cancelled, l.academic_year_id AS "academicYearId", y.status AS "yearStatus"
           FROM lessons l JOIN academic_years y ON y.id = l.academic_year_id WHERE l.id = ANY($1::uuid[]) ORDER BY l.id FOR UPDATE OF l`, [lessonIds]);
      const current: { lessonId: string; studentId: string; code: string }[] = await tx.query(
        `SELECT lesson_id AS "lessonId", student_id AS "studentId", code FROM attendance WHERE lesson_id = ANY($1::uuid[])`, [lessonIds]);
      const lessonOf = new Map(lessons.map((l) => [l.id, l]));
      const codeOf = new Map(current.map((r) => [`${r.lessonId}:${r.studentId}`, r.code]));

      const planned: { lessonId: string; studentId: string; before: string; after: string; date: string }[] = [];
      dto.items.forEach((item, i) => {
        const l = lessonOf.get(item.lessonId);
        if (!l || l.classId !== cls.id) return errors.push({ field: `items[${i}].lessonId`, message: 'not a lesson of this class' });
        if (l.cancelled) return errors.push({ field: `items[${i}].lessonId`, message: 'the lesson is cancelled' });
        const code = codeOf.get(`${item.lessonId}:${item.studentId}`);
        if (code === undefined) {
          return errors.push({ field: `items[${i}].studentId`, message: 'the student has no absence on this lesson: a correction changes the reason of a '
            + 'recorded absence only (absences are entered by the lesson\'s teacher)' });
        }
        if (!REASONS.includes(code)) {
          return errors.push({ field: `items[${i}].studentId`,
            message: `the student was late (${code}) on this lesson, which is not an absence and has no reason to correct` });
        }
        planned.push({ lessonId: item.lessonId, studentId: item.studentId, before: code, after: item.code, date: l.date });
      });
      if (errors.length) throw new ValidationProblem(errors);

      // The weekly window (current and previous week), the year and the period locks.
      const denied: DeniedItem[] = [];
      const closedPeriod = new Map<string, boolean>();
      for (const [i, item] of dto.items.entries()) {
        const l = lessonOf.get(item.lessonId) as LockedLesson;
        const w = correctionWeek(l.date, now, tz);
        const field = `items[${i}]`;
        if (l.yearStatus === 'closed') {
          denied.push({ field, item: 'attendance', reason: 'year_closed', editableUntil: null, needsChangeRequest: false });
          continue;
        }
        if (w.state !== 'open') {
          denied.push({ field, item: 'attendance', reason: w.state === 'too_old' ? 'window_closed' : 'not_yet', editableUntil: w.correctableUntil,
            needsChangeRequest: w.state === 'too_old' });
          continue;
        }
        const key = `${l.academicYearId}:${l.date}`;
        if (!closedPeriod.has(key)) closedPeriod.set(key, await this.periods.isClosed(tx, cls.school_id, l.academicYearId, cls.grade, l.date));
        if (closedPeriod.get(key)) denied.push({ field, item: 'attendance', reason: 'period_closed', editableUntil: null, needsChangeRequest: true });
      }
      if (denied.length) throw new EditWindowClosed(denied);

      const changes = planned.filter((p) => p.before !== p.after);
      for (const c of changes) {
        await tx.query(`UPDATE attendance SET code = $3, updated_at = $4, updated_by = $5 WHERE lesson_id = $1 AND student_id = $2`,
          [c.lessonId, c.studentId, c.after, now, actor.principal.userId]);
        await this.audit.record(tx, { schoolId: cls.school_id, actor, role: a.role, action: 'attendance.correct_reason', entity: 'attendance',
          entityId: `${c.lessonId}:${c.studentId}`, before: { code: c.before }, after: { code: c.after, lessonId: c.lessonId, studentId: c.studentId,
            date: c.date, classId: cls.id }, reason: dto.reason ?? null });
      }
      const touched = [...new Set(changes.map((c) => c.lessonId))].sort();
      const bumped: { id: string; version: number }[] = touched.length === 0 ? []
        : await tx.query(`UPDATE lessons SET version = version + 1 WHERE id = ANY($1::uuid[]) RETURNING id, version`, [touched]).then(([rows]) => rows);
      return { changed: changes.length, unchanged: planned.length - changes.length,
        lessons: bumped.map((r) => ({ lessonId: r.id, version: r.version })).sort((x, y) => x.lessonId.localeCompare(y.lessonId)) };
    });
  }

  /**
   * Reading: the school's administration, the deputy and the class teacher of the class. Writing: the class teacher of the class or the
   * deputy. A subject teacher neither (403); another school's class is not found (404, by ClassesService.find).
   */
  private authorize(actor: Actor, cls: ClassRow, mode: 'read' | 'write'): SchoolActor {
    if (hasRole(actor, cls.school_id, JOURNAL_CONTROL)) return requireRole(actor, cls.school_id, JOURNAL_CONTROL);
    if (mode === 'read' && hasRole(actor, cls.school_id, JOURNAL_READ_ALL)) return requireRole(actor, cls.school_id, JOURNAL_READ_ALL);
    const a = requireRole(actor, cls.school_id, CLASS_TEACHER);
    if (!actor.principal.personId || cls.class_teacher_id !== actor.principal.personId) {
      throw new Forbidden('Only the class teacher of this class (or the deputy) corrects the reasons of its absences');
    }
    return a;
  }

  private async timeZone(tx: EntityManager, schoolId: string): Promise<string> {
    const [school] = await tx.query(`SELECT time_zone FROM schools WHERE id = $1`, [schoolId]);
    if (!school) throw new NotFound('No such school');
    return school.time_zone;
  }
}

interface LessonItem {
  id: string;
  date: string;
  lessonNumber: number;
  subjectId: string;
  subjectName: string;
  subgroupName: string | null;
  version: number;
}

interface LockedLesson {
  id: string;
  classId: string;
  date: string;
  cancelled: boolean;
  academicYearId: string;
  yearStatus: string;
}
