import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { YearsService } from '../../roster/years/years.service';
import { APPROVERS, CURRICULUM_READ, PLANNING_WRITE } from '../curriculum.roles';
import { InspectorService } from '../inspector/inspector.service';
import { CurriculumPlan, CurriculumPlanLine } from './curriculum-plan.entity';
import {
  CreateCurriculumPlanDto, CurriculumPlanDetailView, CurriculumPlanView, InspectionReportView, NewPlanVersionDto, PlanLineDto, PlanLineView,
  ReplacePlanLinesDto,
} from './curriculum-plan.dto';

const PLAN_SQL = `SELECT p.id, p.school_id, p.academic_year_id, p.name, p.plan_version, p.status, p.supersedes_id, p.approved_at, p.approved_by,
  p.version, (SELECT count(*)::int FROM curriculum_plan_lines l WHERE l.plan_id = p.id) AS line_count FROM curriculum_plans p`;

type PlanRow = { id: string; school_id: string; academic_year_id: string; name: string; plan_version: number; status: string;
  supersedes_id: string | null; approved_at: Date | null; approved_by: string | null; version: number; line_count: number };

const toView = (r: PlanRow): CurriculumPlanView => ({
  id: r.id, schoolId: r.school_id, academicYearId: r.academic_year_id, name: r.name, planVersion: r.plan_version, status: r.status,
  supersedesId: r.supersedes_id, approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null, approvedBy: r.approved_by,
  lineCount: r.line_count, version: r.version,
});

/** Who may run the inspector: those who prepare the plan and the director who approves it. */
const INSPECT: readonly Role[] = [...PLANNING_WRITE, ...APPROVERS];

/** R-CUR-04: curriculum plan versions of a year: draft (deputy) → approved (director, after the inspector) → superseded. */
@Injectable()
export class CurriculumPlansService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly classes: ClassesService, private readonly inspector: InspectorService) {}

  async list(actor: Actor, academicYearId: string): Promise<CurriculumPlanView[]> {
    const year = await this.years.find(actor, academicYearId);
    requireRole(actor, year.schoolId, CURRICULUM_READ, 'roster:read');
    const rows: PlanRow[] = await this.db.query(`${PLAN_SQL} WHERE p.academic_year_id = $1 ORDER BY p.plan_version DESC`, [academicYearId]);
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<CurriculumPlanDetailView> {
    const row = await this.find(actor, id);
    requireRole(actor, row.school_id, CURRICULUM_READ, 'roster:read');
    return this.detail(this.db.manager, id);
  }

  async create(actor: Actor, dto: CreateCurriculumPlanDto): Promise<CurriculumPlanDetailView> {
    const year = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, year.schoolId, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, year.id);
      let source: PlanRow | undefined;
      if (dto.copyFromPlanId) {
        source = await this.find(actor, dto.copyFromPlanId, tx);
        if (source.school_id !== year.schoolId) throw new NotFound('No such curriculum plan in this school');
      }
      const plan = await this.insertPlan(tx, { schoolId: year.schoolId, academicYearId: year.id, name: dto.name, supersedesId: null });
      // Class overrides only make sense within one year: classes are per year (R-ROS-06).
      if (source) await this.copyLines(tx, source.id, plan.id, source.academic_year_id === year.id);
      const view = await this.detail(tx, plan.id);
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'curriculum_plan.create', entity: 'curriculum_plan',
        entityId: plan.id, after: { ...view, copiedFrom: source?.id ?? null } });
      return view;
    });
  }

  /** R-CUR-04: the lines of a draft are replaced as a whole; approved and superseded versions are read-only. */
  async replaceLines(actor: Actor, id: string, dto: ReplacePlanLinesDto): Promise<CurriculumPlanDetailView> {
    const row = await this.find(actor, id);
    const a = requireRole(actor, row.school_id, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      const plan = await tx.findOneOrFail(CurriculumPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(plan.version, dto.version);
      if (plan.status !== 'draft') throw new Conflict(`The plan is ${plan.status} and read-only; make a new version to change it`);
      await this.classes.assertYearNotClosed(tx, plan.academicYearId);
      await this.assertLines(tx, plan, dto.lines);
      const before = await this.detail(tx, id);
      await tx.delete(CurriculumPlanLine, { planId: id });
      if (dto.lines.length) {
        await tx.insert(CurriculumPlanLine, dto.lines.map((l) => ({ id: newId(), schoolId: plan.schoolId, planId: id, subjectId: l.subjectId,
          grade: l.grade, classId: l.classId ?? null, weeklyHours: l.weeklyHours })));
      }
      await tx.query(`UPDATE curriculum_plans SET version = version + 1 WHERE id = $1`, [id]);
      const after = await this.detail(tx, id);
      await this.audit.record(tx, { schoolId: plan.schoolId, actor, role: a.role, action: 'curriculum_plan.lines_replace', entity: 'curriculum_plan',
        entityId: id, before: snapshot(before), after });
      return after;
    });
  }

  async inspect(actor: Actor, id: string): Promise<InspectionReportView> {
    const row = await this.find(actor, id);
    requireRole(actor, row.school_id, INSPECT);
    return this.inspector.run(this.db.manager, { id, schoolId: row.school_id, academicYearId: row.academic_year_id });
  }

  /**
   * R-CUR-04/05: the director approves a draft once the inspector finds no errors (warnings do not block);
   * the year's previously approved version becomes superseded.
   */
  async approve(actor: Actor, id: string, version: number): Promise<CurriculumPlanDetailView> {
    const row = await this.find(actor, id);
    const a = requireRole(actor, row.school_id, APPROVERS);
    return this.db.transaction(async (tx) => {
      const plan = await tx.findOneOrFail(CurriculumPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(plan.version, version);
      if (plan.status !== 'draft') throw new Conflict(`Only a draft can be approved; this plan is ${plan.status}`);
      await this.classes.assertYearNotClosed(tx, plan.academicYearId);
      await this.lockYear(tx, plan.academicYearId);
      const report = await this.inspector.run(tx, plan);
      if (report.errors.length) {
        throw new Unprocessable(`The electronic inspector found ${report.errors.length} error(s); the plan cannot be approved`,
          { errors: report.errors, warnings: report.warnings, summary: report.summary });
      }
      const previous = await tx.findOne(CurriculumPlan, { where: { academicYearId: plan.academicYearId, status: 'approved' }, lock: { mode: 'pessimistic_write' } });
      if (previous) {
        const superseded = await tx.save(CurriculumPlan, { ...previous, status: 'superseded' as const });
        await this.audit.record(tx, { schoolId: plan.schoolId, actor, role: a.role, action: 'curriculum_plan.supersede', entity: 'curriculum_plan',
          entityId: previous.id, before: snapshot(previous), after: snapshot(superseded), reason: `Superseded by version ${plan.planVersion}` });
      }
      const before = snapshot(plan);
      await tx.save(CurriculumPlan, { ...plan, status: 'approved' as const, approvedAt: new Date(), approvedBy: actor.principal.userId });
      const after = await this.detail(tx, id);
      await this.audit.record(tx, { schoolId: plan.schoolId, actor, role: a.role, action: 'curriculum_plan.approve', entity: 'curriculum_plan',
        entityId: id, before, after: { ...toView(await this.row(tx, id)), warnings: report.warnings.length } });
      return after;
    });
  }

  /** R-CUR-04: an approved plan changes through a new draft version that copies it. */
  async newVersion(actor: Actor, id: string, dto: NewPlanVersionDto): Promise<CurriculumPlanDetailView> {
    const row = await this.find(actor, id);
    const a = requireRole(actor, row.school_id, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      const source = await tx.findOneByOrFail(CurriculumPlan, { id });
      if (source.status !== 'approved') throw new Conflict(`A new version is made from the approved plan; this one is ${source.status}`);
      await this.classes.assertYearNotClosed(tx, source.academicYearId);
      const plan = await this.insertPlan(tx, { schoolId: source.schoolId, academicYearId: source.academicYearId, name: dto.name ?? source.name, supersedesId: id });
      await this.copyLines(tx, id, plan.id, true);
      const view = await this.detail(tx, plan.id);
      await this.audit.record(tx, { schoolId: source.schoolId, actor, role: a.role, action: 'curriculum_plan.new_version', entity: 'curriculum_plan',
        entityId: plan.id, after: view });
      return view;
    });
  }

  /** Loads a plan in one of the caller's schools or answers 404. */
  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<PlanRow> {
    const row = await this.row(tx, id);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.school_id)) throw new NotFound('No such curriculum plan');
    return row;
  }

  private async row(tx: EntityManager, id: string): Promise<PlanRow> {
    const [row]: PlanRow[] = await tx.query(`${PLAN_SQL} WHERE p.id = $1`, [id]);
    return row;
  }

  private async detail(tx: EntityManager, id: string): Promise<CurriculumPlanDetailView> {
    const lines: PlanLineView[] = await tx.query(
      `SELECT l.subject_id AS "subjectId", s.name AS "subjectName", l.grade, l.class_id AS "classId",
              CASE WHEN c.id IS NULL THEN NULL ELSE c.grade || c.letter END AS "className", l.weekly_hours::float8 AS "weeklyHours"
         FROM curriculum_plan_lines l JOIN subjects s ON s.id = l.subject_id LEFT JOIN classes c ON c.id = l.class_id
        WHERE l.plan_id = $1 ORDER BY l.grade, c.letter NULLS FIRST, s.name`, [id]);
    return { ...toView(await this.row(tx, id)), lines };
  }

  /** Serialises version numbering and approval within a year. */
  private async lockYear(tx: EntityManager, academicYearId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('curriculum_plans:' || $1))`, [academicYearId]);
  }

  private async insertPlan(tx: EntityManager, p: { schoolId: string; academicYearId: string; name: string; supersedesId: string | null }): Promise<CurriculumPlan> {
    await this.lockYear(tx, p.academicYearId);
    const [{ next }] = await tx.query(`SELECT coalesce(max(plan_version), 0) + 1 AS next FROM curriculum_plans WHERE academic_year_id = $1`, [p.academicYearId]);
    const plan = tx.create(CurriculumPlan, { id: newId(), ...p, planVersion: Number(next), status: 'draft', approvedAt: null, approvedBy: null });
    await tx.insert(CurriculumPlan, plan);
    return plan;
  }

  private async copyLines(tx: EntityManager, fromPlanId: string, toPlanId: string, withClassOverrides: boolean): Promise<void> {
    const lines = await tx.findBy(CurriculumPlanLine, { planId: fromPlanId });
    const copies = lines.filter((l) => withClassOverrides || l.classId === null).map((l) => ({ ...l, id: newId(), planId: toPlanId }));
    if (copies.length) await tx.insert(CurriculumPlanLine, copies);
  }

  /** Subjects of the school, classes of the plan's year in the line's grade, each subject × grade × class once. */
  private async assertLines(tx: EntityManager, plan: CurriculumPlan, lines: PlanLineDto[]): Promise<void> {
    const subjects = new Map<string, { archived: boolean }>(
      (await tx.query(`SELECT id, archived FROM subjects WHERE school_id = $1`, [plan.schoolId])).map((s: { id: string; archived: boolean }) => [s.id, s]));
    const classes = new Map<string, number>(
      (await tx.query(`SELECT id, grade FROM classes WHERE academic_year_id = $1`, [plan.academicYearId])).map((c: { id: string; grade: number }) => [c.id, c.grade]));
    const seen = new Map<string, number>();
    lines.forEach((l, i) => {
      const subject = subjects.get(l.subjectId);
      if (!subject) throw new InvalidField(`lines[${i}].subjectId`, 'no such subject in this school');
      if (subject.archived) throw new InvalidField(`lines[${i}].subjectId`, 'the subject is archived');
      if (l.classId) {
        const grade = classes.get(l.classId);
        if (grade === undefined) throw new InvalidField(`lines[${i}].classId`, 'no such class in the plan\'s academic year');
        if (grade !== l.grade) throw new InvalidField(`lines[${i}].classId`, `the class is in grade ${grade}, not ${l.grade}`);
      }
      const key = `${l.subjectId}:${l.grade}:${l.classId ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) throw new InvalidField(`lines[${i}]`, `repeats lines[${first}] (the same subject, grade and class)`);
      seen.set(key, i);
    });
  }
}
