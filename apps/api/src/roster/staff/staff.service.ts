import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@otmetka/contracts';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole, type SchoolActor } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { issueAccount } from '../people/accounts';
import { fullName, Person } from '../people/person.entity';
import { ROSTER_READ_ALL, ROSTER_WRITE } from '../roster.roles';
import { Employment } from './employment.entity';
import { CreatedStaffView, CreateStaffDto, DismissStaffDto, StaffView, UpdateStaffDto } from './staff.dto';

/** Only an operator grants the operator role; an admin grants the school roles. */
function assertMayGrant(a: SchoolActor, roles: readonly string[]): void {
  if (roles.includes('operator') && a.role !== 'operator') throw new Forbidden('Only an operator grants the operator role');
}

/** Nor may an admin take the operator role away or dismiss an operator (R-SEC-02). */
function assertMayChange(a: SchoolActor, current: readonly string[]): void {
  if (current.includes('operator') && a.role !== 'operator') throw new Forbidden('Only an operator changes or dismisses an operator');
}

const STAFF_SQL = `SELECT e.id, e.school_id, e.person_id, e.roles, e.position, e.starts_on::text, e.ends_on::text, e.dismissed_at, e.version,
  p.last_name, p.first_name, p.middle_name, u.login
  FROM employments e JOIN persons p ON p.id = e.person_id LEFT JOIN users u ON u.person_id = p.id`;

type StaffRow = Record<string, unknown> & { id: string; school_id: string; person_id: string; roles: string[] };
const toView = (r: StaffRow): StaffView => ({
  id: r.id, schoolId: r.school_id, personId: r.person_id, roles: r.roles, position: String(r.position), startsOn: String(r.starts_on),
  endsOn: (r.ends_on as string) ?? null, login: (r.login as string) ?? null, status: r.dismissed_at ? 'dismissed' : 'active',
  version: Number(r.version), lastName: String(r.last_name), firstName: String(r.first_name), middleName: (r.middle_name as string) ?? null,
  fullName: fullName({ lastName: String(r.last_name), firstName: String(r.first_name), middleName: (r.middle_name as string) ?? null }),
});

@Injectable()
export class StaffService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, schoolId: string, opts: { role?: string; includeDismissed?: boolean }): Promise<StaffView[]> {
    // Teachers see colleagues (names, roles) for messages and substitutions; the integration needs roster:read.
    requireRole(actor, schoolId, [...ROSTER_READ_ALL, 'class_teacher', 'teacher', 'integration'], 'roster:read');
    const rows: StaffRow[] = await this.db.query(
      `${STAFF_SQL} WHERE e.school_id = $1 AND ($2::boolean OR e.dismissed_at IS NULL) AND ($3::text IS NULL OR $3 = ANY(e.roles))
        ORDER BY p.last_name, p.first_name`,
      [schoolId, opts.includeDismissed ?? false, opts.role ?? null],
    );
    return rows.map(toView);
  }

  async get(actor: Actor, id: string): Promise<StaffView> {
    const row = await this.row(this.db.manager, id);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.school_id)) throw new NotFound('No such staff member');
    requireRole(actor, row.school_id, [...ROSTER_READ_ALL, 'class_teacher', 'teacher', 'integration'], 'roster:read');
    return toView(row);
  }

  async create(actor: Actor, dto: CreateStaffDto): Promise<CreatedStaffView> {
    const a = requireRole(actor, dto.schoolId, ROSTER_WRITE);
    assertMayGrant(a, dto.roles);
    return this.db.transaction(async (tx) => {
      if (dto.login) {
        const taken = await tx.query(`SELECT 1 FROM users WHERE lower(login) = lower($1)`, [dto.login]);
        if (taken.length) throw new Conflict(`The login ${dto.login} is taken`);
      }
      const person = tx.create(Person, { id: newId(), lastName: dto.lastName, firstName: dto.firstName, middleName: dto.middleName ?? null,
        birthDate: dto.birthDate ?? null, gender: dto.gender ?? null, email: dto.email ?? null, phone: dto.phone ?? null });
      await tx.insert(Person, person);
      const employment = tx.create(Employment, { id: newId(), schoolId: dto.schoolId, personId: person.id, roles: dto.roles as Role[],
        position: dto.position, startsOn: dto.startsOn, endsOn: null, hireOrderNumber: dto.hireOrderNumber ?? null,
        dismissalOrderNumber: null, dismissedAt: null });
      await tx.insert(Employment, employment);
      const account = await issueAccount(tx, person, dto.login);
      const row = (await this.row(tx, employment.id))!;
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'staff.create', entity: 'staff',
        entityId: employment.id, after: { ...toView(row), personId: person.id } });
      return { ...toView(row), initialPassword: account.password };
    });
  }

  async update(actor: Actor, id: string, dto: UpdateStaffDto): Promise<StaffView> {
    const { a, before } = await this.forWrite(actor, id);
    assertMayChange(a, before.roles);
    if (dto.roles) assertMayGrant(a, dto.roles);
    return this.db.transaction(async (tx) => {
      const e = await tx.findOneOrFail(Employment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(e.version, dto.version);
      if (e.dismissedAt) throw new Conflict('A dismissed employee cannot be changed');
      // The version moves on every update, also when only the person's name changes (R-API-03).
      await tx.save(Employment, { ...e, roles: (dto.roles as Role[]) ?? e.roles, position: dto.position ?? e.position, version: e.version + 1 });
      if (dto.lastName || dto.firstName || dto.middleName !== undefined || dto.phone) {
        const p = await tx.findOneByOrFail(Person, { id: e.personId });
        await tx.save(Person, { ...p, lastName: dto.lastName ?? p.lastName, firstName: dto.firstName ?? p.firstName,
          middleName: dto.middleName === undefined ? p.middleName : dto.middleName || null, phone: dto.phone ?? p.phone });
      }
      const after = toView((await this.row(tx, id))!);
      await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'staff.update', entity: 'staff', entityId: id,
        before, after, reason: dto.reason ?? null });
      return after;
    });
  }

  /** R-ROS-02: dismissal ends access at once — memberships vanish and live sessions are revoked. */
  async dismiss(actor: Actor, id: string, dto: DismissStaffDto): Promise<StaffView> {
    const { a, before } = await this.forWrite(actor, id);
    if (before.personId === actor.principal.personId) throw new Conflict('You cannot dismiss yourself');
    assertMayChange(a, before.roles);
    return this.db.transaction(async (tx) => {
      const e = await tx.findOneOrFail(Employment, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(e.version, dto.version);
      if (e.dismissedAt) throw new Conflict('Already dismissed');
      if (dto.date < e.startsOn) throw new InvalidField('date', 'date is before the start of the employment');
      await tx.save(Employment, { ...e, endsOn: dto.date, dismissalOrderNumber: dto.orderNumber, dismissedAt: new Date() });
      await tx.query(`UPDATE classes SET class_teacher_id = NULL, version = version + 1
        WHERE school_id = $1 AND class_teacher_id = $2 AND academic_year_id IN (SELECT id FROM academic_years WHERE status <> 'closed')`,
        [e.schoolId, e.personId]);
      await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL
        AND user_id IN (SELECT id FROM users WHERE person_id = $1)`, [e.personId]);
      const after = toView((await this.row(tx, id))!);
      await this.audit.record(tx, { schoolId: e.schoolId, actor, role: a.role, action: 'staff.dismiss', entity: 'staff', entityId: id,
        before, after: { ...after, dismissalOrderNumber: dto.orderNumber }, reason: dto.reason ?? `Приказ ${dto.orderNumber}` });
      return after;
    });
  }

  /** Whether the person is active staff of the school with one of the roles (used by classes and subgroups). */
  async isActiveWithRole(tx: EntityManager, schoolId: string, personId: string, roles: readonly Role[]): Promise<boolean> {
    const r = await tx.query(`SELECT 1 FROM employments WHERE school_id = $1 AND person_id = $2 AND dismissed_at IS NULL
      AND roles && $3::text[]`, [schoolId, personId, roles]);
    return r.length > 0;
  }

  private async forWrite(actor: Actor, id: string) {
    const row = await this.row(this.db.manager, id);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.school_id)) throw new NotFound('No such staff member');
    const a = requireRole(actor, row.school_id, ROSTER_WRITE);
    return { a, before: snapshot(toView(row)) as unknown as StaffView };
  }

  private async row(tx: EntityManager, id: string): Promise<StaffRow | undefined> {
    const rows: StaffRow[] = await tx.query(`${STAFF_SQL} WHERE e.id = $1`, [id]);
    return rows[0];
  }
}
