import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, InvalidField, NotFound, Unprocessable } from '../../platform/errors/domain-errors';
import { ClassesService } from '../classes/classes.service';
import { StaffService } from '../staff/staff.service';
import { CLASS_LIST_READ, SUBGROUP_WRITE } from '../roster.roles';
import { Subgroup, SubgroupMember } from './subgroup.entity';
import { CreateSubgroupDto, SubgroupView, UpdateSubgroupDto } from './subgroup.dto';

/** R-ROS-07: subgroups per class and subject, set by the deputy; each teacher keeps their own group's record. */
@Injectable()
export class SubgroupsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    private readonly staff: StaffService) {}

  async list(actor: Actor, classId: string): Promise<SubgroupView[]> {
    const c = await this.classes.find(actor, classId);
    requireRole(actor, c.school_id, CLASS_LIST_READ, 'roster:read');
    return this.views(this.db.manager, { classId });
  }

  async create(actor: Actor, dto: CreateSubgroupDto): Promise<SubgroupView> {
    const c = await this.classes.find(actor, dto.classId);
    const a = requireRole(actor, c.school_id, SUBGROUP_WRITE);
    return this.db.transaction(async (tx) => {
      await this.classes.assertYearNotClosed(tx, c.academic_year_id);
      if (dto.teacherId) await this.assertTeacher(tx, c.school_id, dto.teacherId);
      await this.assertMembers(tx, dto.classId, dto.studentIds);
      const g = tx.create(Subgroup, { id: newId(), schoolId: c.school_id, classId: dto.classId, subjectName: dto.subjectName, name: dto.name,
        teacherId: dto.teacherId ?? null });
      await tx.insert(Subgroup, g);
      for (const s of dto.studentIds) await tx.insert(SubgroupMember, { subgroupId: g.id, studentId: s, schoolId: c.school_id });
      const [view] = await this.views(tx, { id: g.id });
      await this.audit.record(tx, { schoolId: c.school_id, actor, role: a.role, action: 'subgroup.create', entity: 'subgroup', entityId: g.id, after: view });
      return view;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateSubgroupDto): Promise<SubgroupView> {
    const found = await this.db.getRepository(Subgroup).findOneBy({ id });
    if (!found || !actor.principal.memberships.some((m) => m.schoolId === found.schoolId)) throw new NotFound('No such subgroup');
    const a = requireRole(actor, found.schoolId, SUBGROUP_WRITE);
    return this.db.transaction(async (tx) => {
      const g = await tx.findOneOrFail(Subgroup, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(g.version, dto.version);
      const c = await this.classes.find(actor, g.classId, tx);
      await this.classes.assertYearNotClosed(tx, c.academic_year_id);
      if (dto.teacherId) await this.assertTeacher(tx, g.schoolId, dto.teacherId);
      const [before] = await this.views(tx, { id });
      // update() always bumps the version, also when only the members changed (save() would skip an unchanged row).
      await tx.update(Subgroup, { id }, { name: dto.name ?? g.name, teacherId: dto.teacherId === undefined ? g.teacherId : dto.teacherId });
      if (dto.studentIds) {
        await this.assertMembers(tx, g.classId, dto.studentIds);
        await tx.delete(SubgroupMember, { subgroupId: id });
        for (const s of dto.studentIds) await tx.insert(SubgroupMember, { subgroupId: id, studentId: s, schoolId: g.schoolId });
      }
      const [after] = await this.views(tx, { id });
      await this.audit.record(tx, { schoolId: g.schoolId, actor, role: a.role, action: 'subgroup.update', entity: 'subgroup', entityId: id, before, after });
      return after;
    });
  }

  private async assertTeacher(tx: EntityManager, schoolId: string, personId: string) {
    if (!(await this.staff.isActiveWithRole(tx, schoolId, personId, ['teacher', 'class_teacher']))) {
      throw new Unprocessable('teacherId must be an active teacher of this school', { errors: [{ field: 'teacherId', message: 'not an active teacher' }] });
    }
  }

  /** Members must be current students of the class. */
  private async assertMembers(tx: EntityManager, classId: string, studentIds: string[]) {
    if (studentIds.length === 0) return;
    const rows: { student_id: string }[] = await tx.query(
      `SELECT student_id FROM enrolments WHERE class_id = $1 AND ends_on IS NULL AND student_id = ANY($2)`, [classId, studentIds]);
    const ok = new Set(rows.map((r) => r.student_id));
    const bad = studentIds.findIndex((s) => !ok.has(s));
    if (bad >= 0) throw new InvalidField(`studentIds[${bad}]`, 'is not a current student of this class');
  }

  private async views(tx: EntityManager, by: { id?: string; classId?: string }): Promise<SubgroupView[]> {
    return tx.query(
      `SELECT g.id, g.class_id AS "classId", g.subject_name AS "subjectName", g.name, g.teacher_id AS "teacherId",
              CASE WHEN p.id IS NULL THEN NULL ELSE concat_ws(' ', p.last_name, p.first_name, p.middle_name) END AS "teacherName",
              coalesce((SELECT array_agg(m.student_id ORDER BY m.student_id) FROM subgroup_members m WHERE m.subgroup_id = g.id), '{}') AS "studentIds",
              g.version
         FROM subgroups g LEFT JOIN persons p ON p.id = g.teacher_id
        WHERE ($1::uuid IS NULL OR g.id = $1) AND ($2::uuid IS NULL OR g.class_id = $2) ORDER BY g.subject_name, g.name`,
      [by.id ?? null, by.classId ?? null]);
  }
}
