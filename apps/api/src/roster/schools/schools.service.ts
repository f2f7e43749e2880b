import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Forbidden, NotFound } from '../../platform/errors/domain-errors';
import { snapshot } from '../../audit/log/canonical-json';
import { Employment } from '../staff/employment.entity';
import { ROSTER_WRITE } from '../roster.roles';
import { School } from './school.entity';
import { CreateSchoolDto, SchoolView, UpdateSchoolDto } from './school.dto';

@Injectable()
export class SchoolsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Schools the caller belongs to (an operator: every school of the region they administer). */
  async list(actor: Actor): Promise<SchoolView[]> {
    const ids = actor.principal.memberships.map((m) => m.schoolId);
    if (ids.length === 0) return [];
    const rows = await this.db.getRepository(School).find({ where: { id: In(ids) }, order: { shortName: 'ASC' } });
    return rows.map(SchoolView.from);
  }

  async get(actor: Actor, id: string): Promise<SchoolView> {
    if (!actor.principal.memberships.some((m) => m.schoolId === id)) throw new NotFound('No such school');
    return SchoolView.from(await this.db.getRepository(School).findOneByOrFail({ id }));
  }

  /** R-ROS-01: only a regional operator creates a school; they administer it from then on. */
  async create(actor: Actor, dto: CreateSchoolDto): Promise<SchoolView> {
    const operatorSchool = actor.principal.memberships.find((m) => m.roles.includes('operator'));
    if (!operatorSchool || !actor.principal.personId) throw new Forbidden('Only a regional operator creates schools');
    return this.db.transaction(async (tx) => {
      const school = tx.create(School, { id: newId(), phone: null, email: null, inn: null, ...dto });
      await tx.insert(School, school);
      const saved = await tx.findOneByOrFail(School, { id: school.id });
      const employment = tx.create(Employment, { id: newId(), schoolId: school.id, personId: actor.principal.personId!,
        roles: ['operator'], position: 'Оператор', startsOn: new Date().toISOString().slice(0, 10), endsOn: null,
        hireOrderNumber: null, dismissalOrderNumber: null, dismissedAt: null });
      await tx.insert(Employment, employment);
      await this.audit.record(tx, { schoolId: school.id, actor, role: 'operator', action: 'school.create', entity: 'school',
        entityId: school.id, after: snapshot(saved) });
      return SchoolView.from(saved);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateSchoolDto): Promise<SchoolView> {
    const a = requireRole(actor, id, ROSTER_WRITE);
    const { version, reason, ...change } = dto;
    return this.db.transaction(async (tx) => {
      const before = await tx.findOne(School, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFound('No such school');
      assertVersion(before.version, version);
      const after = await tx.save(School, { ...before, ...change });
      await this.audit.record(tx, { schoolId: id, actor, role: a.role, action: 'school.update', entity: 'school', entityId: id,
        before: snapshot(before), after: snapshot(after), reason: reason ?? null });
      return SchoolView.from(after);
    });
  }

  async timeZoneOf(schoolId: string): Promise<string> {
    const s = await this.db.getRepository(School).findOneBy({ id: schoolId });
    if (!s) throw new NotFound('No such school');
    return s.timeZone;
  }

  canWrite(actor: Actor, schoolId: string): boolean {
    return hasRole(actor, schoolId, ROSTER_WRITE);
  }
}
