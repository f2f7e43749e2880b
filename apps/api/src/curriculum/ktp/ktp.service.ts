import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { YearsService } from '../../roster/years/years.service';
import { CURRICULUM_READ, PLANNING_WRITE } from '../curriculum.roles';
import { TeacherLoadsService } from '../loads/teacher-loads.service';
import { classSubjectHours, studyWeeks, sumHours } from '../plans/plan-hours';
import { requireClass, requireSubgroupOf, requireSubject } from '../plans/school-references';
import { type LineProblem, normaliseWorkType, parseTopics, type SourceRow, type TopicInput } from './ktp-import';
import { KtpPlan, KtpTopic } from './ktp.entities';
import { CreateKtpDto, KtpDetailView, KtpImportReportView, KtpTopicDto, KtpTopicView, KtpView } from './ktp.dto';

/** Teachers write their own КТП; the deputy (and the admin) any (R-CUR-09, R-SEC-02). The director only reads. */
const KTP_WRITE: readonly Role[] = [...PLANNING_WRITE, 'teacher', 'class_teacher'];

const KTP_SQL = `SELECT k.id, k.school_id AS "schoolId", k.academic_year_id AS "academicYearId", k.teacher_id AS "teacherId",
  concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "teacherName", k.class_id AS "classId", c.grade || c.letter AS "className", c.grade,
  k.subgroup_id AS "subgroupId", g.name AS "subgroupName", k.subject_id AS "subjectId", s.name AS "subjectName",
  (SELECT count(*)::int FROM ktp_topics t WHERE t.plan_id = k.id) AS "topicCount",
  (SELECT coalesce(sum(t.hours), 0)::float8 FROM ktp_topics t WHERE t.plan_id = k.id) AS "plannedHours", k.version
  FROM ktp_plans k JOIN persons p ON p.id = k.teacher_id JOIN classes c ON c.id = k.class_id JOIN subjects s ON s.id = k.subject_id
  LEFT JOIN subgroups g ON g.id = k.subgroup_id`;

type KtpRow = KtpView & { schoolId: string };

export interface NextTopicQuery {
  teacherId: string;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  academicYearId: string;
  /** Lessons of this class/subgroup and subject already given a topic. */
  usedCount: number;
}

const fmt = (h: number): string => String(h).replace('.', ',');

/** R-CUR-09: calendar-thematic plans — ordered topics with hours and planned work types per teacher × class/subgroup × subject. */
@Injectable()
export class KtpService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly classes: ClassesService, private readonly loads: TeacherLoadsService) {}

  async list(actor: Actor, q: { academicYearId: string; teacherId?: string; classId?: string }): Promise<KtpView[]> {
    const year = await this.years.find(actor, q.academicYearId);
    requireRole(actor, year.schoolId, CURRICULUM_READ, 'roster:read');
    const rows: KtpRow[] = await this.db.query(
      `${KTP_SQL} WHERE k.academic_year_id = $1 AND ($2::uuid IS NULL OR k.teacher_id = $2) AND ($3::uuid IS NULL OR k.class_id = $3)
        ORDER BY c.grade, c.letter, s.name, g.name NULLS FIRST`, [q.academicYearId, q.teacherId ?? null, q.classId ?? null]);
    return rows.map(publicView);
  }

  async get(actor: Actor, id: string): Promise<KtpDetailView> {
    const row = await this.find(actor, id);
    requireRole(actor, row.schoolId, CURRICULUM_READ, 'roster:read');
    return this.detail(this.db.manager, id);
  }

  /** A teacher creates their own КТП for a class they have a load for; the deputy or admin creates one for any teacher. */
  async create(actor: Actor, dto: CreateKtpDto): Promise<KtpDetailView> {
    const year = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, year.schoolId, KTP_WRITE);
    const teacherId = dto.teacherId ?? actor.principal.personId;
    if (!teacherId) throw new InvalidField('teacherId', 'teacherId is required');
    if (teacherId !== actor.principal.personId && !hasRole(actor, year.schoolId, PLANNING_WRITE)) {
      throw new Forbidden('A teacher creates only their own calendar-thematic plan');
    }
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, year.id);
      const cls = await requireClass(tx, year.schoolId, dto.classId, year.id);
      if (dto.subgroupId) await requireSubgroupOf(tx, cls.id, dto.subgroupId);
      await requireSubject(tx, year.schoolId, dto.subjectId);
      const q = { teacherId, classId: cls.id, subgroupId: dto.subgroupId ?? null, subjectId: dto.subjectId, academicYearId: year.id };
      if (!(await this.loads.teaches(tx, q))) {
        throw new Unprocessable('The teacher has no load for this class, subgroup and subject',
          { errors: [{ field: 'teacherId', message: 'no teacher load for this class, subgroup and subject' }] });
      }
      const [dup] = await tx.query(`SELECT id FROM ktp_plans WHERE academic_year_id = $1 AND teacher_id = $2 AND class_id = $3
        AND subgroup_id IS NOT DISTINCT FROM $4 AND subject_id = $5`, [year.id, teacherId, cls.id, q.subgroupId, dto.subjectId]);
      if (dup) throw new Conflict('The teacher already has a КТП for this class, subgroup and subject', { existingId: dup.id });
      const plan = tx.create(KtpPlan, { id: newId(), schoolId: year.schoolId, ...q });
      await tx.insert(KtpPlan, plan);
      const view = await this.detail(tx, plan.id);
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'ktp.create', entity: 'ktp', entityId: plan.id,
        after: publicView(view) });
      return view;
    });
  }

  async replaceTopics(actor: Actor, id: string, version: number, topics: KtpTopicDto[]): Promise<KtpDetailView> {
    await this.mayEdit(actor, await this.find(actor, id));
    const seen = new Map<number, number>();
    topics.forEach((t, i) => {
      if (seen.has(t.position)) throw new InvalidField(`topics[${i}].position`, `position ${t.position} repeats topics[${seen.get(t.position)}]`);
      seen.set(t.position, i);
    });
    return this.write(actor, id, version, 'ktp.topics_replace', topics.map((t) => ({ ...t, workType: normaliseWorkType(t.workType) })));
  }

  /** All or nothing: with any bad line nothing is saved and every bad line is reported (422); a dry run only reports. */
  async importRows(actor: Actor, id: string, rows: SourceRow[], opts: { dryRun: boolean; version?: number }): Promise<KtpDetailView | KtpImportReportView> {
    const found = await this.find(actor, id);
    await this.mayEdit(actor, found);
    const { topics, errors } = parseTopics(rows);
    if (opts.dryRun) return { dryRun: true, valid: errors.length === 0, topics, errors };
    if (errors.length) throw new Unprocessable(`${badLines(errors)} bad line(s); nothing was imported`, { errors });
    return this.write(actor, id, opts.version, 'ktp.import', topics);
  }

  /** Copies the topics of a КТП the caller may read (last year's, another class's) over this one's. */
  async copyFrom(actor: Actor, id: string, sourceKtpId: string, version?: number): Promise<KtpDetailView> {
    const source = await this.find(actor, sourceKtpId);
    requireRole(actor, source.schoolId, CURRICULUM_READ, 'roster:read');
    const topics: TopicInput[] = await this.db.query(
      `SELECT position, title, hours::float8 AS hours, work_type AS "workType" FROM ktp_topics WHERE plan_id = $1 ORDER BY position`, [sourceKtpId]);
    return this.write(actor, id, version, 'ktp.copy_from', topics, `Copied from КТП ${sourceKtpId}`);
  }

  /**
   * R-CUR-09 for the journal: the topic of the next lesson after `usedCount` lessons, walking the topics in order
   * and giving each as many lessons as its hours. The teacher's own КТП wins; else another teacher's for the same
   * class, subgroup and subject (a substitute's lesson). Null when there is no КТП or it is used up.
   */
  async nextTopic(tx: EntityManager, q: NextTopicQuery): Promise<KtpTopicView | null> {
    const [plan] = await tx.query(
      `SELECT id FROM ktp_plans WHERE academic_year_id = $1 AND class_id = $2 AND subgroup_id IS NOT DISTINCT FROM $3 AND subject_id = $4
        ORDER BY (teacher_id = $5) DESC, created_at LIMIT 1`, [q.academicYearId, q.classId, q.subgroupId, q.subjectId, q.teacherId]);
    if (!plan) return null;
    const topics: KtpTopicView[] = await tx.query(
      `SELECT position, title, hours::float8 AS hours, work_type AS "workType" FROM ktp_topics WHERE plan_id = $1 ORDER BY position`, [plan.id]);
    let covered = 0;
    for (const t of topics) {
      covered += t.hours;
      if (q.usedCount < covered - 1e-9) return t;
    }
    return null;
  }

  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<KtpRow> {
    const [row]: KtpRow[] = await tx.query(`${KTP_SQL} WHERE k.id = $1`, [id]);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.schoolId)) throw new NotFound('No such calendar-thematic plan');
    return row;
  }

  /** R-CUR-09 / R-SEC-02: a teacher edits only their own КТП; the deputy and the admin edit any. */
  private async mayEdit(actor: Actor, k: KtpRow) {
    const a = requireRole(actor, k.schoolId, KTP_WRITE);
    if (!hasRole(actor, k.schoolId, PLANNING_WRITE) && k.teacherId !== actor.principal.personId) {
      throw new Forbidden('A teacher edits only their own calendar-thematic plan');
    }
    return a;
  }

  private async write(actor: Actor, id: string, version: number | undefined, action: string, topics: TopicInput[], reason?: string): Promise<KtpDetailView> {
    const found = await this.find(actor, id);
    const a = await this.mayEdit(actor, found);
    return this.db.transaction(async (tx) => {
      const plan = await tx.findOneOrFail(KtpPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (version !== undefined) assertVersion(plan.version, version);
      await this.classes.assertYearNotClosed(tx, plan.academicYearId);
      const before = await this.detail(tx, id);
      await tx.delete(KtpTopic, { planId: id });
      if (topics.length) {
        await tx.insert(KtpTopic, topics.map((t) => ({ id: newId(), schoolId: plan.schoolId, planId: id, position: t.position, title: t.title,
          hours: t.hours, workType: t.workType ?? null })));
      }
      await tx.query(`UPDATE ktp_plans SET version = version + 1 WHERE id = $1`, [id]);
      const after = await this.detail(tx, id);
      await this.audit.record(tx, { schoolId: plan.schoolId, actor, role: a.role, action, entity: 'ktp', entityId: id,
        before: snapshot({ ...publicView(before), topics: before.topics }), after: { ...publicView(after), topics: after.topics }, reason: reason ?? null });
      return after;
    });
  }

  /** The КТП with its topics and the plan's hours for the year to compare with (approved plan, else the newest draft). */
  private async detail(tx: EntityManager, id: string): Promise<KtpDetailView> {
    const [row]: KtpRow[] = await tx.query(`${KTP_SQL} WHERE k.id = $1`, [id]);
    const topics: KtpTopicView[] = await tx.query(
      `SELECT position, title, hours::float8 AS hours, work_type AS "workType" FROM ktp_topics WHERE plan_id = $1 ORDER BY position`, [id]);
    const [plan] = await tx.query(
      `SELECT id, status FROM curriculum_plans WHERE academic_year_id = $1 AND status IN ('approved', 'draft')
        ORDER BY (status = 'approved') DESC, plan_version DESC LIMIT 1`, [row.academicYearId]);
    const lines = plan ? await tx.query(
      `SELECT subject_id AS "subjectId", grade, class_id AS "classId", weekly_hours::float8 AS "weeklyHours" FROM curriculum_plan_lines
        WHERE plan_id = $1 AND subject_id = $2 AND grade = $3`, [plan.id, row.subjectId, row.grade]) : [];
    const weekly = plan ? classSubjectHours(lines, { id: row.classId, grade: row.grade }, row.subjectId) : null;
    const weeks = studyWeeks(row.grade);
    const perYear = weekly === null ? null : sumHours([weekly * weeks]);
    const planned = sumHours(topics.map((t) => t.hours));
    const warning = perYear === null ? 'Учебный план года не составлен: плановые часы КТП не с чем сравнить'
      : planned !== perYear ? `В КТП ${fmt(planned)} ч, по учебному плану ${fmt(perYear)} ч в год (${fmt(weekly as number)} ч × ${weeks} нед.)` : null;
    return { ...publicView(row), plannedHours: planned, topics, planWeeklyHours: weekly, studyWeeks: weeks, planHoursPerYear: perYear,
      curriculumPlanId: plan?.id ?? null, curriculumPlanStatus: plan?.status ?? null, warning };
  }
}

const publicView = (r: KtpView & { schoolId?: string }): KtpView => ({
  id: r.id, academicYearId: r.academicYearId, teacherId: r.teacherId, teacherName: r.teacherName, classId: r.classId, className: r.className,
  grade: r.grade, subgroupId: r.subgroupId, subgroupName: r.subgroupName, subjectId: r.subjectId, subjectName: r.subjectName,
  topicCount: r.topicCount, plannedHours: r.plannedHours, version: r.version,
});

const badLines = (errors: LineProblem[]): number => new Set(errors.map((e) => e.line)).size;
