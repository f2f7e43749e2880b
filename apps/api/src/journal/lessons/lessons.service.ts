import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { addDays } from '../../curriculum/calendar/school-days';
import { TeacherLoadsService } from '../../curriculum/loads/teacher-loads.service';
import { requireClass, requireRoom, requireSubgroupOf, requireSubject } from '../../curriculum/plans/school-references';
import { Clock } from '../../platform/clock';
import { type Actor, hasRole, requireRole, rolesIn } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, Forbidden, InvalidField, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { localDate } from '../edit-policy/zoned-time';
import { JOURNAL_CONTROL, JOURNAL_READ_ALL, JOURNAL_STAFF } from '../journal.roles';
import { mayReadLesson } from './lesson-access';
import { Lesson } from './lesson.entity';
import type { CreateExtraLessonDto, LessonPageView, LessonSummaryView } from './lesson.dto';
import { LessonGeneratorService } from './lesson-generator.service';
import { LESSON_ORDER, LESSON_SQL, type LessonRow, loadLesson } from './lesson-page.query';
import { LessonPageService } from './lesson-page.service';

const MAX_LIST_DAYS = 400;

/** R-JRN-01/02: reading lessons (the teacher's day, a class's lessons, the lesson page) and the deputy's extra lessons. */
@Injectable()
export class LessonsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly pages: LessonPageService,
    private readonly generator: LessonGeneratorService, private readonly loads: TeacherLoadsService, private readonly clock: Clock) {}

  /** A lesson of a school the caller belongs to, else 404 (ids cannot be probed across schools). */
  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<LessonRow> {
    const l = await loadLesson(tx, id);
    if (!l || rolesIn(actor.principal, l.schoolId).length === 0) throw new NotFound('No such lesson');
    return l;
  }

  /** The lesson page: the lesson, its students with attendance, marks and remarks, and what may still be edited (R-JRN-05). */
  async page(actor: Actor, id: string): Promise<LessonPageView> {
    const l = await this.find(actor, id);
    this.assertMayRead(actor, l);
    return this.pages.page(this.db.manager, l);
  }

  assertMayRead(actor: Actor, l: LessonRow): void {
    if (!mayReadLesson(actor, l)) throw new Forbidden('The lesson page is open to its teacher and substitute, the class teacher and the school\'s administration');
  }

  /**
   * "My day": the teacher's lessons of a date (default today in the school's zone) — those they give as teacher of record or as a substitute,
   * and their own ones given by a substitute. Missing lessons of the date are generated first, so a teacher never waits for a batch.
   */
  async myDay(actor: Actor, teacherId: string, date: string | undefined, schoolId: string | undefined): Promise<LessonSummaryView[]> {
    const mine = actor.principal.memberships.map((m) => m.schoolId).filter((s) => !schoolId || s === schoolId);
    const [employment] = await this.db.query(
      `SELECT e.school_id, s.time_zone FROM employments e JOIN schools s ON s.id = e.school_id
        WHERE e.person_id = $1 AND e.school_id = ANY($2::uuid[]) ORDER BY e.dismissed_at NULLS FIRST, e.starts_on DESC LIMIT 1`, [teacherId, mine]);
    if (!employment) throw new NotFound('No such teacher');
    const school = employment.school_id as string;
    requireRole(actor, school, JOURNAL_STAFF);
    if (!hasRole(actor, school, JOURNAL_READ_ALL) && actor.principal.personId !== teacherId) {
      throw new Forbidden('A teacher sees their own day; the school\'s administration sees any teacher\'s');
    }
    const day = date ?? localDate(this.clock.now(), employment.time_zone);
    await this.generator.ensureDate(actor, school, day);
    const rows: LessonRow[] = await this.db.query(
      `${LESSON_SQL} WHERE l.school_id = $1 AND l.date = $2::date AND (l.teacher_id = $3 OR l.substitute_teacher_id = $3) ${LESSON_ORDER}`, [school, day, teacherId]);
    return this.pages.summaries(this.db.manager, rows);
  }

  /** The lessons of a class between two dates (any staff of the school), optionally of one subject. */
  async ofClass(actor: Actor, classId: string, from: string, to: string, subjectId?: string): Promise<LessonSummaryView[]> {
    const [cls] = await this.db.query(`SELECT id, school_id FROM classes WHERE id = $1`, [classId]);
    if (!cls || rolesIn(actor.principal, cls.school_id).length === 0) throw new NotFound('No such class');
    requireRole(actor, cls.school_id, JOURNAL_STAFF);
    if (to < from) throw new InvalidField('to', 'to must not be before from');
    if (addDays(from, MAX_LIST_DAYS) <= to) throw new InvalidField('to', `at most ${MAX_LIST_DAYS} days at once`);
    const rows: LessonRow[] = await this.db.query(
      `${LESSON_SQL} WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR l.subject_id = $4) ${LESSON_ORDER}`,
      [classId, from, to, subjectId ?? null]);
    return this.pages.summaries(this.db.manager, rows);
  }

  /** R-JRN-01: an extra lesson outside the timetable (the deputy only); its teacher needs a load for the class and subject (R-CUR-06). */
  async createExtra(actor: Actor, dto: CreateExtraLessonDto): Promise<LessonPageView> {
    const [cls] = await this.db.query(
      `SELECT c.id, c.school_id, c.academic_year_id, y.status, y.starts_on::text AS starts_on, y.ends_on::text AS ends_on
         FROM classes c JOIN academic_years y ON y.id = c.academic_year_id WHERE c.id = $1`, [dto.classId]);
    if (!cls || rolesIn(actor.principal, cls.school_id).length === 0) throw new NotFound('No such class');
    const a = requireRole(actor, cls.school_id, JOURNAL_CONTROL);
    if (cls.status === 'closed') throw new Conflict('The academic year is closed and read-only');
    if (dto.date < cls.starts_on || dto.date > cls.ends_on) throw new InvalidField('date', `date must lie within the class's academic year (${cls.starts_on} – ${cls.ends_on})`);
    const id = await this.db.transaction(async (tx) => {
      await requireClass(tx, cls.school_id, dto.classId);
      if (dto.subgroupId) await requireSubgroupOf(tx, dto.classId, dto.subgroupId);
      await requireSubject(tx, cls.school_id, dto.subjectId);
      if (dto.roomId) await requireRoom(tx, cls.school_id, dto.roomId);
      await this.loads.assertTeacher(tx, cls.school_id, dto.teacherId);
      if (!(await this.loads.teaches(tx, { teacherId: dto.teacherId, classId: dto.classId, subgroupId: dto.subgroupId ?? null, subjectId: dto.subjectId,
        academicYearId: cls.academic_year_id }))) {
        throw new Unprocessable('The teacher has no load for this class (or group) and subject', { errors: [{ field: 'teacherId', message: 'no teacher load for this class and subject' }] });
      }
      const lesson = tx.create(Lesson, { id: newId(), schoolId: cls.school_id, academicYearId: cls.academic_year_id, date: dto.date, lessonNumber: dto.lessonNumber,
        classId: dto.classId, subgroupId: dto.subgroupId ?? null, subjectId: dto.subjectId, teacherId: dto.teacherId, substituteTeacherId: null,
        roomId: dto.roomId ?? null, timetableEntryId: null, source: 'extra', cancelled: false, held: false, topic: null, workTypes: [],
        firstEnteredAt: null, enteredLate: false, contentUpdatedAt: null });
      await tx.insert(Lesson, lesson);
      const saved = await tx.findOneByOrFail(Lesson, { id: lesson.id });
      await this.audit.record(tx, { schoolId: cls.school_id, actor, role: a.role, action: 'lesson.create_extra', entity: 'lesson', entityId: lesson.id,
        after: snapshot(saved), reason: dto.reason ?? null });
      return lesson.id;
    });
    return this.pages.page(this.db.manager, (await loadLesson(this.db.manager, id)) as LessonRow);
  }
}
