import { Injectable } from '@nestjs/common';
import { STAFF_ROLES } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { issueAccount } from '../people/accounts';
import { Person } from '../people/person.entity';
import { Student } from '../students/student.entity';
import { ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { InterestedPerson } from './interested-person.entity';
import { CreatedInterestedPersonView, CreateInterestedPersonDto, InterestedPersonView } from './guardian.dto';

/**
 * R-ROS-05 / R-DIA-12: a parent designates a person to view one child's diary until a date, and revokes at any time;
 * access ends at once because memberships are loaded on every request.
 */
@Injectable()
export class InterestedPersonsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, studentId: string): Promise<InterestedPersonView[]> {
    await this.scope(actor, studentId, 'read');
    return this.views(this.db.manager, studentId);
  }

  async create(actor: Actor, dto: CreateInterestedPersonDto): Promise<CreatedInterestedPersonView> {
    const { student, role, guardianId } = await this.scope(actor, dto.studentId, 'write', dto.guardianId);
    const today = new Date().toISOString().slice(0, 10);
    if (dto.validUntil && dto.validUntil < today) throw new InvalidField('validUntil', 'validUntil must not be in the past');
    return this.db.transaction(async (tx) => {
      const person = tx.create(Person, { id: newId(), lastName: dto.lastName, firstName: dto.firstName, middleName: dto.middleName ?? null,
        birthDate: null, gender: null, email: null, phone: null });
      await tx.insert(Person, person);
      const ip = tx.create(InterestedPerson, { id: newId(), schoolId: student.schoolId, personId: person.id, studentId: student.id,
        designatedBy: guardianId, contact: dto.contact ?? null, validUntil: dto.validUntil ?? null, revokedAt: null });
      await tx.insert(InterestedPerson, ip);
      const account = await issueAccount(tx, person);
      const view = (await this.views(tx, student.id)).find((v) => v.id === ip.id)!;
      await this.audit.record(tx, { schoolId: student.schoolId, actor, role, action: 'interested_person.create', entity: 'interested_person',
        entityId: ip.id, after: view });
      return { ...view, initialPassword: account.password };
    });
  }

  async revoke(actor: Actor, id: string): Promise<InterestedPersonView> {
    const ip = await this.db.getRepository(InterestedPerson).findOneBy({ id });
    if (!ip) throw new NotFound('No such interested person');
    const { role } = await this.scope(actor, ip.studentId, 'write');
    return this.db.transaction(async (tx) => {
      if (ip.revokedAt) throw new Conflict('Already revoked');
      const before = (await this.views(tx, ip.studentId)).find((v) => v.id === id);
      await tx.update(InterestedPerson, { id }, { revokedAt: new Date() });
      await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE person_id = $1)
        AND NOT EXISTS (SELECT 1 FROM interested_persons WHERE person_id = $1 AND id <> $2 AND revoked_at IS NULL)`, [ip.personId, id]);
      const after = (await this.views(tx, ip.studentId)).find((v) => v.id === id)!;
      await this.audit.record(tx, { schoolId: ip.schoolId, actor, role, action: 'interested_person.revoke', entity: 'interested_person', entityId: id, before, after });
      return after;
    });
  }

  /** A parent of the child (designating as themself) or the admin; readers of the school may list. Others: 404. */
  private async scope(actor: Actor, studentId: string, mode: 'read' | 'write', guardianId?: string) {
    const student = await this.db.getRepository(Student).findOneBy({ id: studentId });
    if (!student) throw new NotFound('No such student');
    const personId = actor.principal.personId;
    const [own]: { id: string }[] = personId && hasRole(actor, student.schoolId, ['parent']) ? await this.db.query(
      `SELECT g.id FROM guardians g JOIN guardianships gs ON gs.guardian_id = g.id WHERE g.person_id = $1 AND gs.student_id = $2`, [personId, studentId]) : [];
    if (own) {
      if (guardianId && guardianId !== own.id) throw new InvalidField('guardianId', 'a parent designates as themself');
      return { student, role: 'parent' as const, guardianId: own.id };
    }
    // A family member (parent, student, interested person) of the school who is not this child's parent: the child is invisible (R-DIA-07).
    if (!hasRole(actor, student.schoolId, [...STAFF_ROLES, 'integration'])) throw new NotFound('No such student');
    const a = requireRole(actor, student.schoolId, mode === 'read' ? ROSTER_READ_ALL : ROSTER_WRITE);
    if (mode === 'read') return { student, role: a.role, guardianId: '' };
    // The admin records a designation on a parent's behalf (paper application): which parent, or the first one.
    const [link]: { id: string }[] = await this.db.query(
      `SELECT guardian_id AS id FROM guardianships WHERE student_id = $1 AND ($2::uuid IS NULL OR guardian_id = $2) ORDER BY created_at LIMIT 1`,
      [studentId, guardianId ?? null]);
    if (!link) throw new InvalidField('guardianId', guardianId ? 'guardianId is not a parent of this student' : 'the student has no parent to designate from');
    return { student, role: a.role, guardianId: link.id };
  }

  private async views(tx: EntityManager, studentId: string): Promise<InterestedPersonView[]> {
    const rows = await tx.query(
      `SELECT ip.id, ip.student_id AS "studentId", ip.person_id AS "personId", concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName",
              ip.contact, ip.valid_until::text AS "validUntil", ip.revoked_at AS "revokedAt", u.login,
              (ip.revoked_at IS NULL AND (ip.valid_until IS NULL OR ip.valid_until >= current_date)) AS active
         FROM interested_persons ip JOIN persons p ON p.id = ip.person_id LEFT JOIN users u ON u.person_id = p.id
        WHERE ip.student_id = $1 ORDER BY ip.created_at`, [studentId]);
    return rows.map((r: InterestedPersonView & { revokedAt: Date | null }) => ({ ...r, revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null }));
  }
}
