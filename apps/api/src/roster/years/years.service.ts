import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { CLASS_LIST_READ, ROSTER_WRITE } from '../roster.roles';
import { AcademicYear } from './academic-year.entity';
import { AcademicYearView, CreateAcademicYearDto, UpdateAcademicYearDto } from './year.dto';

@Injectable()
export class YearsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, schoolId: string): Promise<AcademicYearView[]> {
    requireRole(actor, schoolId, [...CLASS_LIST_READ]);
    const rows = await this.db.getRepository(AcademicYear).find({ where: { schoolId }, order: { startsOn: 'DESC' } });
    return rows.map(AcademicYearView.from);
  }

  /** Loads a year visible to the caller or answers 404. */
  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<AcademicYear> {
    const y = await tx.findOneBy(AcademicYear, { id });
    if (!y || !actor.principal.memberships.some((m) => m.schoolId === y.schoolId)) throw new NotFound('No such academic year');
    return y;
  }

  async get(actor: Actor, id: string): Promise<AcademicYearView> {
    const y = await this.find(actor, id);
    requireRole(actor, y.schoolId, [...CLASS_LIST_READ]);
    return AcademicYearView.from(y);
  }

  async create(actor: Actor, dto: CreateAcademicYearDto): Promise<AcademicYearView> {
    const a = requireRole(actor, dto.schoolId, ROSTER_WRITE);
    if (dto.endsOn <= dto.startsOn) throw new InvalidField('endsOn', 'endsOn must be after startsOn');
    const [from, to] = dto.name.split('/').map(Number);
    if (to !== from + 1 || Number(dto.startsOn.slice(0, 4)) !== from) {
      throw new InvalidField('name', 'name must be "<start year>/<start year + 1>" matching startsOn');
    }
    return this.db.transaction(async (tx) => {
      await this.assertNoOverlap(tx, dto.schoolId, dto.startsOn, dto.endsOn, null);
      const y = tx.create(AcademicYear, { id: newId(), ...dto, status: 'planned' });
      await tx.insert(AcademicYear, y);
      const saved = await tx.findOneByOrFail(AcademicYear, { id: y.id });
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'academic_year.create', entity: 'academic_year',
        entityId: y.id, after: snapshot(saved) });
      return AcademicYearView.from(saved);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateAcademicYearDto): Promise<AcademicYearView> {
    return this.change(actor, id, dto.version, 'academic_year.update', (y) => {
      if (y.status === 'closed') throw new Conflict('A closed academic year is read-only');
      const next = { ...y, startsOn: dto.startsOn ?? y.startsOn, endsOn: dto.endsOn ?? y.endsOn };
      if (next.endsOn <= next.startsOn) throw new InvalidField('endsOn', 'endsOn must be after startsOn');
      return next;
    });
  }

  /** R-CUR-01: the admin opens the year (before 1 September); one open year per school at a time. */
  async open(actor: Actor, id: string, version: number): Promise<AcademicYearView> {
    return this.change(actor, id, version, 'academic_year.open', async (y, tx) => {
      if (y.status !== 'planned') throw new Conflict(`Only a planned year can be opened; this one is ${y.status}`);
      const other = await tx.findOneBy(AcademicYear, { schoolId: y.schoolId, status: 'open' });
      if (other) throw new Conflict(`The year ${other.name} is still open; close it first`);
      return { ...y, status: 'open' as const };
    });
  }

  /** R-CUR-01 / R-ARC-01: closing freezes the year (archive packages are built by the archive module). */
  async close(actor: Actor, id: string, version: number): Promise<AcademicYearView> {
    return this.change(actor, id, version, 'academic_year.close', (y) => {
      if (y.status !== 'open') throw new Conflict(`Only an open year can be closed; this one is ${y.status}`);
      return { ...y, status: 'closed' as const };
    });
  }

  private async change(actor: Actor, id: string, version: number, action: string,
    apply: (y: AcademicYear, tx: EntityManager) => AcademicYear | Promise<AcademicYear>): Promise<AcademicYearView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, ROSTER_WRITE);
    return this.db.transaction(async (tx) => {
      const before = await tx.findOneOrFail(AcademicYear, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, version);
      const next = await apply(before, tx);
      await this.assertNoOverlap(tx, before.schoolId, next.startsOn, next.endsOn, id);
      const after = await tx.save(AcademicYear, next);
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action, entity: 'academic_year', entityId: id,
        before: snapshot(before), after: snapshot(after) });
      return AcademicYearView.from(after);
    });
  }

  private async assertNoOverlap(tx: EntityManager, schoolId: string, startsOn: string, endsOn: string, exceptId: string | null) {
    const rows = await tx.query(
      `SELECT name FROM academic_years WHERE school_id = $1 AND daterange(starts_on, ends_on, '[]') && daterange($2::date, $3::date, '[]')
         AND ($4::uuid IS NULL OR id <> $4)`,
      [schoolId, startsOn, endsOn, exceptId],
    );
    if (rows.length) throw new Conflict(`The dates overlap the academic year ${rows[0].name}`);
  }
}
