import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, hasRole, requireRole, type SchoolActor } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { Person } from '../people/person.entity';
import { StudentsService } from '../students/students.service';
import { ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { Guardian, Guardianship } from './guardian.entity';
import { CreateGuardianDto, GuardianLinkDto, GuardianView, UpdateGuardianDto } from './guardian.dto';

/**
 * R-ROS-04: parents (legal representatives). The admin manages all; a class teacher manages the parents of
 * their own class's students (seed 004 App.4 §3.2).
 */
@Injectable()
export class GuardiansService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly students: StudentsService) {}

  async list(actor: Actor, schoolId: string, studentId?: string): Promise<GuardianView[]> {
    const a = requireRole(actor, schoolId, [...ROSTER_READ_ALL, 'class_teacher']);
    if (!ROSTER_READ_ALL.includes(a.role)) {
      if (!studentId) throw new InvalidField('studentId', 'studentId is required for a class teacher');
      if (!(await this.students.isClassTeacherOfStudent(actor, studentId))) throw new NotFound('No such student');
    }
    const ids: { id: string }[] = await this.db.query(
      `SELECT g.id FROM guardians g JOIN persons p ON p.id = g.person_id
        WHERE g.school_id = $1 AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM guardianships gs WHERE gs.guardian_id = g.id AND gs.student_id = $2))
        ORDER BY p.last_name, p.first_name LIMIT 2000`, [schoolId, studentId ?? null]);
    return this.views(this.db.manager, ids.map((r) => r.id));
  }

  async get(actor: Actor, id: string): Promise<GuardianView> {
    const g = await this.findVisible(actor, id);
    await this.assertMayManage(actor, g, 'read');
    return (await this.views(this.db.manager, [id]))[0];
  }

  async create(actor: Actor, dto: CreateGuardianDto): Promise<GuardianView> {
    const a = requireRole(actor, dto.schoolId, [...ROSTER_WRITE, 'class_teacher']);
    if (!ROSTER_WRITE.includes(a.role)) {
      if (dto.students.length === 0) throw new InvalidField('students', 'a class teacher links the parent to a student of their class');
      for (const s of dto.students) if (!(await this.students.isClassTeacherOfStudent(actor, s.studentId))) throw new NotFound('No such student');
    }
    return this.db.transaction(async (tx) => {
      await this.assertStudentsOfSchool(tx, dto.schoolId, dto.students);
      const person = tx.create(Person, { id: newId(), lastName: dto.lastName, firstName: dto.firstName, middleName: dto.middleName ?? null,
        birthDate: dto.birthDate ?? null, gender: dto.gender ?? null, email: dto.email ?? null, phone: dto.phone ?? null });
      await tx.insert(Person, person);
      const checked = dto.identityDocument ? { identityCheckedBy: actor.principal.personId, identityCheckedAt: new Date() } : { identityCheckedBy: null, identityCheckedAt: null };
      const g = tx.create(Guardian, { id: newId(), schoolId: dto.schoolId, personId: person.id, applicationNumber: dto.applicationNumber ?? null,
        applicationDate: dto.applicationDate ?? null, identityDocument: dto.identityDocument ?? null, ...checked });
      await tx.insert(Guardian, g);
      for (const s of dto.students) await tx.insert(Guardianship, { guardianId: g.id, studentId: s.studentId, schoolId: dto.schoolId, relation: s.relation });
      const [view] = await this.views(tx, [g.id]);
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'guardian.create', entity: 'guardian', entityId: g.id, after: view });
      return view;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateGuardianDto): Promise<GuardianView> {
    const found = await this.findVisible(actor, id);
    const a = await this.assertMayManage(actor, found, 'write');
    return this.db.transaction(async (tx) => {
      const g = await tx.findOneOrFail(Guardian, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(g.version, dto.version);
      const [before] = await this.views(tx, [id]);
      const p = await tx.findOneByOrFail(Person, { id: g.personId });
      await tx.save(Person, { ...p, lastName: dto.lastName ?? p.lastName, firstName: dto.firstName ?? p.firstName,
        middleName: dto.middleName === undefined ? p.middleName : dto.middleName || null, phone: dto.phone ?? p.phone, email: dto.email ?? p.email });
      const documentChanged = dto.identityDocument !== undefined && dto.identityDocument !== g.identityDocument;
      // update() always bumps the version, also when only the person's contacts changed (save() would skip an unchanged row).
      await tx.update(Guardian, { id }, { applicationNumber: dto.applicationNumber ?? g.applicationNumber, applicationDate: dto.applicationDate ?? g.applicationDate,
        identityDocument: dto.identityDocument ?? g.identityDocument,
        identityCheckedBy: documentChanged ? actor.principal.personId : g.identityCheckedBy, identityCheckedAt: documentChanged ? new Date() : g.identityCheckedAt });
      const [after] = await this.views(tx, [id]);
      await this.audit.record(tx, { schoolId: g.schoolId, actor, role: a.role, action: 'guardian.update', entity: 'guardian', entityId: id, before, after,
        reason: dto.reason ?? null });
      return after;
    });
  }

  async link(actor: Actor, id: string, dto: GuardianLinkDto): Promise<GuardianView> {
    const g = await this.findVisible(actor, id);
    const a = await this.assertMayManage(actor, g, 'write', dto.studentId);
    return this.db.transaction(async (tx) => {
      await this.assertStudentsOfSchool(tx, g.schoolId, [dto], () => 'studentId');
      const exists = await tx.findOneBy(Guardianship, { guardianId: id, studentId: dto.studentId });
      if (exists) throw new Conflict('This parent is already linked to the student');
      const [before] = await this.views(tx, [id]);
      await tx.insert(Guardianship, { guardianId: id, studentId: dto.studentId, schoolId: g.schoolId, relation: dto.relation });
      await tx.query(`UPDATE guardians SET version = version + 1 WHERE id = $1`, [id]);
      const [after] = await this.views(tx, [id]);
      await this.audit.record(tx, { schoolId: g.schoolId, actor, role: a.role, action: 'guardian.link', entity: 'guardian', entityId: id, before, after });
      return after;
    });
  }

  async unlink(actor: Actor, id: string, studentId: string): Promise<GuardianView> {
    const g = await this.findVisible(actor, id);
    const a = await this.assertMayManage(actor, g, 'write', studentId);
    return this.db.transaction(async (tx) => {
      const [before] = await this.views(tx, [id]);
      const res = await tx.delete(Guardianship, { guardianId: id, studentId });
      if (!res.affected) throw new NotFound('This parent is not linked to that student');
      // Access of interested persons designated by this parent for that child ends with the link.
      await tx.query(`UPDATE interested_persons SET revoked_at = now() WHERE designated_by = $1 AND student_id = $2 AND revoked_at IS NULL`, [id, studentId]);
      await tx.query(`UPDATE guardians SET version = version + 1 WHERE id = $1`, [id]);
      const [after] = await this.views(tx, [id]);
      await this.audit.record(tx, { schoolId: g.schoolId, actor, role: a.role, action: 'guardian.unlink', entity: 'guardian', entityId: id, before, after });
      return after;
    });
  }

  async findVisible(actor: Actor, id: string): Promise<Guardian> {
    const g = await this.db.getRepository(Guardian).findOneBy({ id });
    if (!g || !hasRole(actor, g.schoolId, [...ROSTER_READ_ALL, 'class_teacher'])) throw new NotFound('No such parent');
    return g;
  }

  /** The admin manages every parent; a class teacher only parents linked to (or being linked to) their own class's students. */
  private async assertMayManage(actor: Actor, g: Guardian, mode: 'read' | 'write', studentId?: string): Promise<SchoolActor> {
    const allowed = mode === 'read' ? [...ROSTER_READ_ALL, 'class_teacher' as const] : [...ROSTER_WRITE, 'class_teacher' as const];
    const a = requireRole(actor, g.schoolId, allowed);
    if (a.role !== 'class_teacher') return a;
    const kids: { student_id: string }[] = await this.db.query(`SELECT student_id FROM guardianships WHERE guardian_id = $1`, [g.id]);
    const candidates = studentId ? [studentId] : kids.map((k) => k.student_id);
    for (const s of candidates) if (await this.students.isClassTeacherOfStudent(actor, s)) return a;
    if (mode === 'read') throw new NotFound('No such parent');
    throw new Forbidden('A class teacher manages only parents of their own class');
  }

  private async assertStudentsOfSchool(tx: EntityManager, schoolId: string, links: { studentId: string }[],
    fieldOf: (i: number) => string = (i) => `students[${i}].studentId`): Promise<void> {
    if (new Set(links.map((l) => l.studentId)).size !== links.length) throw new InvalidField('students', 'a student is listed twice');
    for (const [i, l] of links.entries()) {
      const r = await tx.query(`SELECT 1 FROM students WHERE id = $1 AND school_id = $2`, [l.studentId, schoolId]);
      if (!r.length) throw new InvalidField(fieldOf(i), 'no such student in this school');
    }
  }

  async views(tx: EntityManager, ids: string[]): Promise<GuardianView[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query(
      `SELECT g.id, g.school_id AS "schoolId", g.person_id AS "personId",
              concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName", p.last_name AS "lastName", p.first_name AS "firstName",
              p.middle_name AS "middleName", p.phone, p.email, u.login, g.application_number AS "applicationNumber",
              g.application_date::text AS "applicationDate", g.identity_document AS "identityDocument", g.identity_checked_at AS "identityCheckedAt",
              CASE WHEN cp.id IS NULL THEN NULL ELSE concat_ws(' ', cp.last_name, cp.first_name, cp.middle_name) END AS "identityCheckedByName",
              g.version,
              coalesce((SELECT json_agg(json_build_object('studentId', s.id, 'fullName', concat_ws(' ', sp.last_name, sp.first_name, sp.middle_name),
                  'relation', gs.relation, 'className', (SELECT c.grade || c.letter FROM enrolments e JOIN classes c ON c.id = e.class_id
                                                          WHERE e.student_id = s.id AND e.ends_on IS NULL)) ORDER BY sp.last_name)
                 FROM guardianships gs JOIN students s ON s.id = gs.student_id JOIN persons sp ON sp.id = s.person_id
                WHERE gs.guardian_id = g.id), '[]'::json) AS students
         FROM guardians g JOIN persons p ON p.id = g.person_id LEFT JOIN users u ON u.person_id = p.id
         LEFT JOIN persons cp ON cp.id = g.identity_checked_by
        WHERE g.id = ANY($1) ORDER BY p.last_name, p.first_name`, [ids]);
    return rows.map((r: GuardianView & { identityCheckedAt: Date | null }) => ({
      ...r, identityCheckedAt: r.identityCheckedAt ? new Date(r.identityCheckedAt).toISOString() : null }));
  }
}
