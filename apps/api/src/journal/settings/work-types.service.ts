import { Injectable } from '@nestjs/common';
import { DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole, rolesIn } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, NotFound } from '../../platform/errors/domain-errors';
import { JOURNAL_SETTINGS_WRITE, JOURNAL_STAFF } from '../journal.roles';
import { WorkType } from './work-type.entity';
import { CreateWorkTypeDto, UpdateWorkTypeDto, WorkTypeView } from './journal-settings.dto';

/** R-JRN-05: marks of these default types are control-work marks (editable 10 days, not 2). */
export const CONTROL_WORK_TYPES: readonly string[] = ['control', 'dictation', 'essay'];

/** R-JRN-03: the school's work types with their weights, seeded from the defaults of libs/contracts on first use. */
@Injectable()
export class WorkTypesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, schoolId: string, includeArchived = false): Promise<WorkTypeView[]> {
    requireRole(actor, schoolId, JOURNAL_STAFF);
    const all = await this.forSchool(this.db.manager, schoolId, actor);
    return all.filter((w) => includeArchived || !w.archived).map(WorkTypeView.from);
  }

  /**
   * Every work type of the school (archived included), ordered; seeds the defaults when the school has none. For the journal's services:
   * pass the running transaction, and the actor the seeding is audited under.
   */
  async forSchool(tx: EntityManager, schoolId: string, actor: Actor | null): Promise<WorkType[]> {
    await this.seed(tx, schoolId, actor);
    return tx.find(WorkType, { where: { schoolId }, order: { archived: 'ASC', weight: 'DESC', name: 'ASC' } });
  }

  async create(actor: Actor, dto: CreateWorkTypeDto): Promise<WorkTypeView> {
    const a = requireRole(actor, dto.schoolId, JOURNAL_SETTINGS_WRITE);
    return this.db.transaction(async (tx) => {
      await this.seed(tx, dto.schoolId, actor);
      if (await tx.findOneBy(WorkType, { schoolId: dto.schoolId, code: dto.code })) throw new Conflict(`The school already has a work type "${dto.code}"`);
      const w = tx.create(WorkType, { id: newId(), schoolId: dto.schoolId, code: dto.code, name: dto.name.trim(), weight: dto.weight,
        isControl: dto.isControl ?? false, archived: false });
      await tx.insert(WorkType, w);
      const saved = await tx.findOneByOrFail(WorkType, { id: w.id });
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'work_type.create', entity: 'work_type', entityId: w.id,
        after: snapshot(saved) });
      return WorkTypeView.from(saved);
    });
  }

  /** A new weight applies to marks entered from now on; marks already entered keep the weight they were given (R-JRN-07: no rewriting). */
  async update(actor: Actor, id: string, dto: UpdateWorkTypeDto): Promise<WorkTypeView> {
    const found = await this.db.manager.findOneBy(WorkType, { id });
    if (!found || rolesIn(actor.principal, found.schoolId).length === 0) throw new NotFound('No such work type');
    const a = requireRole(actor, found.schoolId, JOURNAL_SETTINGS_WRITE);
    return this.db.transaction(async (tx) => {
      const before = await tx.findOneOrFail(WorkType, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, dto.version);
      const after = await tx.save(WorkType, { ...before, name: dto.name?.trim() ?? before.name, weight: dto.weight ?? before.weight,
        isControl: dto.isControl ?? before.isControl, archived: dto.archived ?? before.archived });
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: 'work_type.update', entity: 'work_type', entityId: id,
        before: snapshot(before), after: snapshot(after), reason: dto.reason ?? null });
      return WorkTypeView.from(after);
    });
  }

  /** Inserts the default types a school lacks, once (ON CONFLICT: concurrent first reads insert each type once); audited when it adds any. */
  private async seed(tx: EntityManager, schoolId: string, actor: Actor | null): Promise<void> {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM work_types WHERE school_id = $1`, [schoolId]);
    if (n > 0) return;
    const added: { id: string; code: string }[] = [];
    for (const d of DEFAULT_WORK_TYPES) {
      const [row] = await tx.query(
        `INSERT INTO work_types (id, school_id, code, name, weight, is_control) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (school_id, code) DO NOTHING RETURNING id, code`,
        [newId(), schoolId, d.code, d.nameRu, d.weight, CONTROL_WORK_TYPES.includes(d.code)]);
      if (row) added.push(row);
    }
    if (added.length === 0) return;
    await this.audit.record(tx, { schoolId, actor, role: actor ? rolesIn(actor.principal, schoolId)[0] ?? null : null, action: 'work_type.seed_defaults',
      entity: 'school', entityId: schoolId, after: { workTypes: DEFAULT_WORK_TYPES.filter((d) => added.some((a) => a.code === d.code)) },
      reason: 'Типы работ по умолчанию' });
  }
}
