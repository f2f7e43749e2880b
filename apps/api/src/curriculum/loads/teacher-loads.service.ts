import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { StaffService } from '../../roster/staff/staff.service';
import { YearsService } from '../../roster/years/years.service';
import { APPROVERS, CURRICULUM_READ, PLANNING_WRITE } from '../curriculum.roles';
import { requireClass, requireSubgroupOf, requireSubject, schoolToday } from '../plans/school-references';
import { TeacherLoad } from './teacher-load.entity';
import { ApprovedLoadsView, ApproveTeacherLoadsDto, CreateTeacherLoadDto, TeacherLoadView, UpdateTeacherLoadDto } from './teacher-load.dto';

/** Staff roles that teach lessons (a class teacher teaches too). */
export const TEACHING_ROLES: readonly Role[] = ['teacher', 'class_teacher'];

const LOAD_SQL = `SELECT l.id, l.academic_year_id AS "academicYearId", l.teacher_id AS "teacherId",
  concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "teacherName", l.class_id AS "classId", c.grade || c.letter AS "className",
  l.subgroup_id AS "subgroupId", g.name AS "subgroupName", l.subject_id AS "subjectId", s.name AS "subjectName",
  l.weekly_hours::float8 AS "weeklyHours", l.status, to_char(l.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "approvedAt", l.version
  FROM teacher_loads l JOIN persons p ON p.id = l.teacher_id JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id
  LEFT JOIN subgroups g ON g.id = l.subgroup_id`;
const ORDER = `ORDER BY c.grade, c.letter, s.name, g.name NULLS FIRST, p.last_name`;

export interface TeachingQuery {
  teacherId: string;
  classId: string;
  subgroupId?: string | null;
  subjectId: string;
  academicYearId: string;
}

/** R-CUR-06: teacher × class or subgroup × subject × weekly hours, approved by the director — the source of who may teach what. */
@Injectable()
export class TeacherLoadsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly years: YearsService,
    private readonly classes: ClassesService, private readonly staff: StaffService) {}

  async list(actor: Actor, q: { academicYearId: string; teacherId?: string; classId?: string }): Promise<TeacherLoadView[]> {
    const year = await this.years.find(actor, q.academicYearId);
    requireRole(actor, year.schoolId, CURRICULUM_READ, 'roster:read');
    return this.db.query(`${LOAD_SQL} WHERE l.academic_year_id = $1 AND ($2::uuid IS NULL OR l.teacher_id = $2) AND ($3::uuid IS NULL OR l.class_id = $3) ${ORDER}`,
      [q.academicYearId, q.teacherId ?? null, q.classId ?? null]);
  }

  async create(actor: Actor, dto: CreateTeacherLoadDto): Promise<TeacherLoadView> {
    const year = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, year.schoolId, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, year.id);
      const cls = await requireClass(tx, year.schoolId, dto.classId, year.id);
      if (dto.subgroupId) await requireSubgroupOf(tx, cls.id, dto.subgroupId);
      await requireSubject(tx, year.schoolId, dto.subjectId);
      await this.assertTeacher(tx, year.schoolId, dto.teacherId);
      const load = tx.create(TeacherLoad, { id: newId(), schoolId: year.schoolId, academicYearId: year.id, teacherId: dto.teacherId, classId: cls.id,
        subgroupId: dto.subgroupId ?? null, subjectId: dto.subjectId, weeklyHours: dto.weeklyHours, status: 'draft', approvedAt: null, approvedBy: null });
      await this.assertUnique(tx, load);
      await tx.insert(TeacherLoad, load);
      const view = await this.view(tx, load.id);
      await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'teacher_load.create', entity: 'teacher_load', entityId: load.id, after: view });
      return view;
    });
  }

  /** Changing an approved load sends it back to draft: the director approves the new figures (R-CUR-06). */
  async update(actor: Actor, id: string, dto: UpdateTeacherLoadDto): Promise<TeacherLoadView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    return this.db.transaction(async (tx) => {
      const load = await tx.findOneOrFail(TeacherLoad, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(load.version, dto.version);
      await this.classes.assertYearNotClosed(tx, load.academicYearId);
      const next = { ...load, weeklyHours: dto.weeklyHours ?? load.weeklyHours, teacherId: dto.teacherId ?? load.teacherId };
      const changed = next.weeklyHours !== load.weeklyHours || next.teacherId !== load.teacherId;
      if (next.teacherId !== load.teacherId) {
        await this.assertTeacher(tx, load.schoolId, next.teacherId);
        await this.assertUnique(tx, next);
      }
      const before = await this.view(tx, id);
      if (changed) await tx.save(TeacherLoad, { ...next, status: 'draft' as const, approvedAt: null, approvedBy: null });
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: load.schoolId, actor, role: a.role, action: 'teacher_load.update', entity: 'teacher_load', entityId: id,
        before: snapshot(before), after });
      return after;
    });
  }

  /** Only a draft load is deleted, and not while the current timetable still uses it. */
  async remove(actor: Actor, id: string): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    await this.db.transaction(async (tx) => {
      const load = await tx.findOneOrFail(TeacherLoad, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (load.status !== 'draft') throw new Conflict('An approved load cannot be deleted; change it (it returns to draft) first');
      await this.classes.assertYearNotClosed(tx, load.academicYearId);
      const [{ n }] = await tx.query(
        `SELECT count(*)::int AS n FROM timetable_entries WHERE academic_year_id = $1 AND teacher_id = $2 AND class_id = $3
            AND subgroup_id IS NOT DISTINCT FROM $4 AND subject_id = $5 AND (valid_to IS NULL OR valid_to >= $6)`,
        [load.academicYearId, load.teacherId, load.classId, load.subgroupId, load.subjectId, await schoolToday(tx, load.schoolId)]);
      if (n > 0) throw new Conflict(`The timetable still has ${n} weekly lesson(s) of this load; remove them first`, { timetableEntries: n });
      const before = await this.view(tx, id);
      await tx.delete(TeacherLoad, { id });
      await this.audit.record(tx, { schoolId: load.schoolId, actor, role: a.role, action: 'teacher_load.delete', entity: 'teacher_load', entityId: id,
        before: snapshot(before) });
    });
  }

  /** R-CUR-06: the director approves the year's draft loads (all, or the listed ones). */
  async approve(actor: Actor, dto: ApproveTeacherLoadsDto): Promise<ApprovedLoadsView> {
    const year = await this.years.find(actor, dto.academicYearId);
    const a = requireRole(actor, year.schoolId, APPROVERS);
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, year.id);
      const where = dto.ids ? { academicYearId: year.id, id: In(dto.ids) } : { academicYearId: year.id, status: 'draft' as const };
      const loads = await tx.find(TeacherLoad, { where, lock: { mode: 'pessimistic_write' } });
      if (dto.ids && loads.length !== dto.ids.length) throw new NotFound('Some of the loads are not loads of this academic year');
      const drafts = loads.filter((l) => l.status === 'draft');
      const approvedAt = new Date();
      for (const l of drafts) {
        const after = await tx.save(TeacherLoad, { ...l, status: 'approved' as const, approvedAt, approvedBy: actor.principal.userId });
        await this.audit.record(tx, { schoolId: year.schoolId, actor, role: a.role, action: 'teacher_load.approve', entity: 'teacher_load', entityId: l.id,
          before: snapshot(l), after: snapshot(after) });
      }
      const views: TeacherLoadView[] = drafts.length
        ? await tx.query(`${LOAD_SQL} WHERE l.id = ANY($1) ${ORDER}`, [drafts.map((l) => l.id)]) : [];
      return { approved: drafts.length, loads: views };
    });
  }

  /**
   * R-CUR-06 for the journal and the timetable: whether the teacher has a load for the class and subject — for a
   * subgroup lesson a load of that subgroup or of the whole class; for a whole-class lesson a whole-class load.
   * Draft loads count (the director approves the figures, not the right to teach).
   */
  async teaches(tx: EntityManager, q: TeachingQuery): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM teacher_loads WHERE academic_year_id = $1 AND teacher_id = $2 AND class_id = $3 AND subject_id = $4
          AND (subgroup_id IS NULL OR subgroup_id = $5) LIMIT 1`,
      [q.academicYearId, q.teacherId, q.classId, q.subjectId, q.subgroupId ?? null]);
    return rows.length > 0;
  }

  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<TeacherLoad> {
    const load = await tx.findOneBy(TeacherLoad, { id });
    if (!load || !actor.principal.memberships.some((m) => m.schoolId === load.schoolId)) throw new NotFound('No such teacher load');
    return load;
  }

  async assertTeacher(tx: EntityManager, schoolId: string, personId: string, field = 'teacherId'): Promise<void> {
    if (!(await this.staff.isActiveWithRole(tx, schoolId, personId, TEACHING_ROLES))) {
      throw new Unprocessable(`${field} must be an active teacher of this school`, { errors: [{ field, message: 'not an active teacher of this school' }] });
    }
  }

  private async assertUnique(tx: EntityManager, l: Pick<TeacherLoad, 'id' | 'academicYearId' | 'teacherId' | 'classId' | 'subgroupId' | 'subjectId'>) {
    const [dup] = await tx.query(
      `SELECT id FROM teacher_loads WHERE academic_year_id = $1 AND teacher_id = $2 AND class_id = $3 AND subgroup_id IS NOT DISTINCT FROM $4
          AND subject_id = $5 AND id <> $6`, [l.academicYearId, l.teacherId, l.classId, l.subgroupId, l.subjectId, l.id]);
    if (dup) throw new Conflict('The teacher already has a load for this class, subgroup and subject', { existingId: dup.id });
  }

  private async view(tx: EntityManager, id: string): Promise<TeacherLoadView> {
    const [row] = await tx.query(`${LOAD_SQL} WHERE l.id = $1`, [id]);
    return row;
  }
}
