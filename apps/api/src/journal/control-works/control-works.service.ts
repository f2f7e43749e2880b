import { Injectable } from '@nestjs/common';
import { markNumber, type Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { TeacherLoadsService } from '../../curriculum/loads/teacher-loads.service';
import { type Actor, hasRole, requireRole, rolesIn } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { localDate } from '../edit-policy/zoned-time';
import { ControlWork } from '../journal.entities';
import { JOURNAL_CONTROL, JOURNAL_READ_ALL, JOURNAL_STAFF, LESSON_WRITERS } from '../journal.roles';
import { progressStats } from '../marks/averages';
import { WorkTypesService } from '../settings/work-types.service';
import { controlWorkWarnings, type PlannedWork } from './control-work-warnings';
import {
  ControlWorkAnalysisView, type ControlWorkResultView, ControlWorkView, ControlWorkWriteView, CreateControlWorkDto, UpdateControlWorkDto,
} from './control-work.dto';

/** R-JRN-11: the teacher of the class and subject plans its control works; the deputy plans any. */
const WRITERS: readonly Role[] = [...LESSON_WRITERS, ...JOURNAL_CONTROL];

const VIEW_SQL = `SELECT w.id, w.school_id AS "schoolId", w.academic_year_id AS "academicYearId", w.class_id AS "classId", c.grade || c.letter AS "className",
  w.subject_id AS "subjectId", s.name AS "subjectName", w.date::text AS date, w.title, w.work_type AS "workType", wt.name AS "workTypeName",
  w.lesson_id AS "lessonId", w.created_by AS "createdBy",
  CASE WHEN u.id IS NULL THEN NULL ELSE concat_ws(' ', p.last_name, p.first_name, p.middle_name) END AS "createdByName",
  to_char(w.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", w.version
  FROM control_works w JOIN classes c ON c.id = w.class_id JOIN subjects s ON s.id = w.subject_id
  LEFT JOIN work_types wt ON wt.school_id = w.school_id AND wt.code = w.work_type
  LEFT JOIN users u ON u.id = w.created_by LEFT JOIN persons p ON p.id = u.person_id`;

type ClassRow = Awaited<ReturnType<ClassesService['find']>>;

/** R-JRN-11: control works planned per class with dates, warnings when they pile up, and the analysis of their results. */
@Injectable()
export class ControlWorksService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    private readonly loads: TeacherLoadsService, private readonly workTypes: WorkTypesService, private readonly clock: Clock) {}

  async list(actor: Actor, q: { classId: string; from?: string; to?: string }): Promise<ControlWorkView[]> {
    const cls = await this.classes.find(actor, q.classId);
    requireRole(actor, cls.school_id, JOURNAL_STAFF);
    if (q.from && q.to && q.to < q.from) throw new InvalidField('to', 'to must not be before from');
    return this.db.query(`${VIEW_SQL} WHERE w.class_id = $1 AND ($2::date IS NULL OR w.date >= $2) AND ($3::date IS NULL OR w.date <= $3)
      ORDER BY w.date, s.name, w.created_at`, [q.classId, q.from ?? null, q.to ?? null]);
  }

  async create(actor: Actor, dto: CreateControlWorkDto): Promise<ControlWorkWriteView> {
    const cls = await this.classes.find(actor, dto.classId);
    const a = requireRole(actor, cls.school_id, WRITERS);
    return this.db.transaction(async (tx) => {
      await this.assertWriter(tx, actor, cls, dto.subjectId);
      const [subject] = await tx.query(`SELECT id, archived FROM subjects WHERE id = $1 AND school_id = $2`, [dto.subjectId, cls.school_id]);
      if (!subject) throw new NotFound('No such subject in this school');
      if (subject.archived) throw new InvalidField('subjectId', 'the subject is archived');
      await this.assertDate(tx, cls, dto.date);
      const workType = dto.workType ?? 'control';
      await this.assertWorkType(tx, actor, cls.school_id, workType);
      const w = tx.create(ControlWork, { id: newId(), schoolId: cls.school_id, academicYearId: cls.academic_year_id, classId: cls.id,
        subjectId: dto.subjectId, date: dto.date, title: dto.title.trim(), workType, lessonId: await this.lessonOf(tx, cls.id, dto.subjectId, dto.date),
        createdBy: actor.principal.userId });
      await tx.insert(ControlWork, w);
      const view = await this.view(tx, w.id);
      await this.audit.record(tx, { schoolId: cls.school_id, actor, role: a.role, action: 'control_work.create', entity: 'control_work', entityId: w.id,
        after: view });
      return { ...view, warnings: await this.warnings(tx, view) };
    });
  }

  /** A control work is moved, renamed or retyped only before its date (R-JRN-11; its results are marks of that day). */
  async update(actor: Actor, id: string, dto: UpdateControlWorkDto): Promise<ControlWorkWriteView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, WRITERS);
    return this.db.transaction(async (tx) => {
      const w = await tx.findOneOrFail(ControlWork, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(w.version, dto.version);
      const cls = await this.classes.find(actor, w.classId, tx);
      await this.assertWriter(tx, actor, cls, w.subjectId);
      await this.assertBeforeDate(tx, w);
      if (dto.date !== undefined && dto.date !== w.date) await this.assertDate(tx, cls, dto.date);
      if (dto.workType !== undefined && dto.workType !== w.workType) await this.assertWorkType(tx, actor, w.schoolId, dto.workType);
      const before = await this.view(tx, id);
      const date = dto.date ?? w.date;
      await tx.update(ControlWork, { id }, { date, title: dto.title?.trim() ?? w.title, workType: dto.workType ?? w.workType,
        lessonId: date === w.date ? w.lessonId : await this.lessonOf(tx, w.classId, w.subjectId, date) });
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: w.schoolId, actor, role: a.role, action: 'control_work.update', entity: 'control_work', entityId: id,
        before: snapshot(before), after });
      return { ...after, warnings: await this.warnings(tx, after) };
    });
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, WRITERS);
    await this.db.transaction(async (tx) => {
      const w = await tx.findOneOrFail(ControlWork, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(w.version, version);
      const cls = await this.classes.find(actor, w.classId, tx);
      await this.assertWriter(tx, actor, cls, w.subjectId);
      await this.assertBeforeDate(tx, w);
      const before = await this.view(tx, id);
      await tx.delete(ControlWork, { id });
      await this.audit.record(tx, { schoolId: w.schoolId, actor, role: a.role, action: 'control_work.delete', entity: 'control_work', entityId: id,
        before: snapshot(before) });
    });
  }

  /**
   * R-JRN-11 / R-JRN-13: the results of a control work — marks of the class's lessons of the subject on its date with a control work
   * type (its own type or any control type of the school); one mark per student, the latest. Distribution, % passing, % quality,
   * mean, and who has no mark (with their absence code).
   */
  async analysis(actor: Actor, id: string): Promise<ControlWorkAnalysisView> {
    const found = await this.find(actor, id);
    requireRole(actor, found.schoolId, [...JOURNAL_READ_ALL, ...LESSON_WRITERS]);
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const cls = await this.classes.find(actor, found.classId, tx);
      if (!hasRole(actor, found.schoolId, JOURNAL_READ_ALL) && cls.class_teacher_id !== actor.principal.personId
        && !(await this.teaches(tx, actor, cls, found.subjectId))) {
        throw new Forbidden('A teacher sees the results of control works of the classes and subjects they teach');
      }
      const types = (await this.workTypes.forSchool(tx, found.schoolId, actor)).filter((t) => t.isControl).map((t) => t.code);
      const results: ControlWorkResultView[] = await tx.query(
        `WITH ls AS (SELECT id FROM lessons WHERE school_id = $1 AND class_id = $2 AND subject_id = $3 AND date = $4 AND NOT cancelled),
         mk AS (SELECT DISTINCT ON (m.student_id) m.student_id, m.value FROM marks m
                 WHERE m.lesson_id IN (SELECT id FROM ls) AND (m.work_type = $5 OR m.work_type = ANY($6))
                 ORDER BY m.student_id, m.entered_at DESC, m.id DESC),
         st AS (SELECT DISTINCT s.id, p.last_name, p.first_name, p.middle_name FROM enrolments e JOIN students s ON s.id = e.student_id
                  JOIN persons p ON p.id = s.person_id
                 WHERE e.class_id = $2 AND e.starts_on <= $4 AND (e.ends_on IS NULL OR e.ends_on >= $4))
         SELECT st.id AS "studentId", concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS "fullName", mk.value,
                CASE WHEN mk.value IS NULL THEN (SELECT string_agg(DISTINCT a.code, ',') FROM attendance a
                                                  WHERE a.lesson_id IN (SELECT id FROM ls) AND a.student_id = st.id) END AS absence
           FROM st LEFT JOIN mk ON mk.student_id = st.id
          ORDER BY st.last_name, st.first_name, st.middle_name, st.id`,
        [found.schoolId, found.classId, found.subjectId, found.date, found.workType, types]);
      const values = results.map((r) => r.value).filter((v): v is string => v !== null);
      const stats = progressStats(values);
      const distribution = { '5': 0, '4': 0, '3': 0, '2': 0, '1': 0 };
      for (const v of values) {
        const n = markNumber(v);
        if (n !== null) distribution[String(n) as keyof typeof distribution]++;
      }
      return {
        controlWork: found, studentCount: results.length, markedCount: stats.count, distribution, otherMarks: values.length - stats.count,
        passingPct: stats.passingPct, qualityPct: stats.qualityPct, mean: stats.mean,
        withoutMark: results.filter((r) => r.value === null), results,
      };
    });
  }

  private async find(actor: Actor, id: string): Promise<ControlWorkView> {
    const [view]: ControlWorkView[] = await this.db.query(`${VIEW_SQL} WHERE w.id = $1`, [id]);
    if (!view || rolesIn(actor.principal, view.schoolId).length === 0) throw new NotFound('No such control work');
    return view;
  }

  private async view(tx: EntityManager, id: string): Promise<ControlWorkView> {
    const [view] = await tx.query(`${VIEW_SQL} WHERE w.id = $1`, [id]);
    return view;
  }

  /** Whether the caller teaches the subject in the class: a whole-class load or a load of one of its subgroups (R-CUR-06). */
  private async teaches(tx: EntityManager, actor: Actor, cls: ClassRow, subjectId: string): Promise<boolean> {
    const personId = actor.principal.personId;
    if (!personId || !hasRole(actor, cls.school_id, LESSON_WRITERS)) return false;
    const q = { teacherId: personId, classId: cls.id, subjectId, academicYearId: cls.academic_year_id };
    if (await this.loads.teaches(tx, q)) return true;
    const groups: { id: string }[] = await tx.query(`SELECT id FROM subgroups WHERE class_id = $1`, [cls.id]);
    for (const g of groups) if (await this.loads.teaches(tx, { ...q, subgroupId: g.id })) return true;
    return false;
  }

  private async assertWriter(tx: EntityManager, actor: Actor, cls: ClassRow, subjectId: string): Promise<void> {
    if (hasRole(actor, cls.school_id, JOURNAL_CONTROL)) return;
    if (!(await this.teaches(tx, actor, cls, subjectId))) {
      throw new Forbidden('Only the teacher of this class and subject, or the deputy, plans its control works (R-JRN-11)');
    }
  }

  /** A planned date: inside the class's academic year, not before today in the school's time zone (R-JRN-07: no backdating). */
  private async assertDate(tx: EntityManager, cls: ClassRow, date: string): Promise<void> {
    const [y] = await tx.query(
      `SELECT y.starts_on::text AS "startsOn", y.ends_on::text AS "endsOn", y.status, sc.time_zone AS tz
         FROM academic_years y JOIN schools sc ON sc.id = y.school_id WHERE y.id = $1`, [cls.academic_year_id]);
    if (y.status === 'closed') throw new Conflict('The academic year is closed and read-only');
    if (date < y.startsOn || date > y.endsOn) throw new InvalidField('date', `date must lie within the academic year ${y.startsOn}..${y.endsOn}`);
    const today = localDate(this.clock.now(), y.tz);
    if (date < today) throw new InvalidField('date', `date must not be in the past (today is ${today})`);
  }

  private async assertBeforeDate(tx: EntityManager, w: ControlWork): Promise<void> {
    const [{ tz }] = await tx.query(`SELECT time_zone AS tz FROM schools WHERE id = $1`, [w.schoolId]);
    const today = localDate(this.clock.now(), tz);
    if (today >= w.date) throw new Conflict(`The control work of ${w.date} has taken place; it is changed or removed only before its date`);
  }

  private async assertWorkType(tx: EntityManager, actor: Actor, schoolId: string, code: string): Promise<void> {
    const types = await this.workTypes.forSchool(tx, schoolId, actor);
    if (!types.some((t) => t.code === code && !t.archived)) throw new InvalidField('workType', 'is not a work type of the school');
  }

  /** The class's first (not cancelled) lesson of the subject that day, when lessons have been generated. */
  private async lessonOf(tx: EntityManager, classId: string, subjectId: string, date: string): Promise<string | null> {
    const [l] = await tx.query(`SELECT id FROM lessons WHERE class_id = $1 AND subject_id = $2 AND date = $3 AND NOT cancelled
      ORDER BY lesson_number LIMIT 1`, [classId, subjectId, date]);
    return l?.id ?? null;
  }

  private async warnings(tx: EntityManager, w: ControlWorkView) {
    const others: PlannedWork[] = await tx.query(
      `SELECT w.id, w.date::text AS date, s.name AS "subjectName", w.title FROM control_works w JOIN subjects s ON s.id = w.subject_id
        WHERE w.class_id = $1 AND w.id <> $2 AND w.date BETWEEN $3::date - 7 AND $3::date + 7 ORDER BY w.date, s.name`,
      [w.classId, w.id, w.date]);
    return controlWorkWarnings(w.className, w.date, others);
  }
}
