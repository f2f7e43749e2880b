import { Injectable } from '@nestjs/common';
import { FEDERAL_SUBJECTS } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, NotFound } from '../../platform/errors/domain-errors';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { Subject } from './subject.entity';
import { CreateSubjectDto, FederalImportResult, SubjectView, UpdateSubjectDto } from './subject.dto';

/** Names compare without case and outer spaces; in JS, because the database's C locale does not fold Cyrillic case. */
const sameName = (name: string): string => name.trim().toLocaleLowerCase('ru');

/** R-CUR-03: the school's subject catalogue, seeded from the federal list; kept by the journal administrator. */
@Injectable()
export class SubjectsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, schoolId: string, includeArchived = false): Promise<SubjectView[]> {
    requireRole(actor, schoolId, CURRICULUM_READ, 'roster:read');
    const rows = await this.db.getRepository(Subject).find({
      where: includeArchived ? { schoolId } : { schoolId, archived: false }, order: { name: 'ASC' } });
    return rows.map(SubjectView.from);
  }

  /** Loads a subject of a school the caller belongs to, or answers 404. */
  async find(actor: Actor, id: string, tx: EntityManager = this.db.manager): Promise<Subject> {
    const s = await tx.findOneBy(Subject, { id });
    if (!s || !actor.principal.memberships.some((m) => m.schoolId === s.schoolId)) throw new NotFound('No such subject');
    return s;
  }

  async get(actor: Actor, id: string): Promise<SubjectView> {
    const s = await this.find(actor, id);
    requireRole(actor, s.schoolId, CURRICULUM_READ, 'roster:read');
    return SubjectView.from(s);
  }

  async create(actor: Actor, dto: CreateSubjectDto): Promise<SubjectView> {
    const a = requireRole(actor, dto.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      await this.assertNameFree(tx, dto.schoolId, dto.name, null);
      const s = tx.create(Subject, { id: newId(), schoolId: dto.schoolId, name: dto.name, shortName: dto.shortName, area: dto.area ?? '', archived: false });
      await tx.insert(Subject, s);
      const saved = await tx.findOneByOrFail(Subject, { id: s.id });
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'subject.create', entity: 'subject', entityId: s.id,
        after: snapshot(saved) });
      return SubjectView.from(saved);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateSubjectDto): Promise<SubjectView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      const before = await tx.findOneOrFail(Subject, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(before.version, dto.version);
      if (dto.name !== undefined && dto.name !== before.name) await this.assertNameFree(tx, before.schoolId, dto.name, id);
      const after = await tx.save(Subject, { ...before, name: dto.name ?? before.name, shortName: dto.shortName ?? before.shortName,
        area: dto.area ?? before.area, archived: dto.archived ?? before.archived });
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: 'subject.update', entity: 'subject', entityId: id,
        before: snapshot(before), after: snapshot(after), reason: dto.reason ?? null });
      return SubjectView.from(after);
    });
  }

  /** R-CUR-03: adds the federal subjects the catalogue lacks; idempotent, existing names (any case) are skipped. */
  async importFederal(actor: Actor, schoolId: string): Promise<FederalImportResult> {
    const a = requireRole(actor, schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      // Serialises concurrent imports of one school, so the skip check below stays true until commit.
      await tx.query(`SELECT id FROM schools WHERE id = $1 FOR UPDATE`, [schoolId]);
      const existing: { name: string }[] = await tx.query(`SELECT name FROM subjects WHERE school_id = $1`, [schoolId]);
      const taken = new Set(existing.map((r) => sameName(r.name)));
      let added = 0;
      for (const f of FEDERAL_SUBJECTS) {
        if (taken.has(sameName(f.name))) continue;
        const s = tx.create(Subject, { id: newId(), schoolId, name: f.name, shortName: f.shortName, area: f.area, archived: false });
        await tx.insert(Subject, s);
        const saved = await tx.findOneByOrFail(Subject, { id: s.id });
        await this.audit.record(tx, { schoolId, actor, role: a.role, action: 'subject.create', entity: 'subject', entityId: s.id,
          after: snapshot(saved), reason: 'Федеральный перечень предметов' });
        added++;
      }
      return { added, skipped: FEDERAL_SUBJECTS.length - added };
    });
  }

  /** A subject of this school (any state) for references from textbooks, plans and timetables; 404 otherwise. */
  async requireInSchool(tx: EntityManager, schoolId: string, subjectId: string, field = 'subjectId'): Promise<Subject> {
    const s = await tx.findOneBy(Subject, { id: subjectId, schoolId });
    if (!s) throw new NotFound(`${field}: no such subject in this school`);
    return s;
  }

  private async assertNameFree(tx: EntityManager, schoolId: string, name: string, exceptId: string | null): Promise<void> {
    const rows: { id: string; name: string }[] = await tx.query(`SELECT id, name FROM subjects WHERE school_id = $1`, [schoolId]);
    if (rows.some((r) => r.id !== exceptId && sameName(r.name) === sameName(name))) {
      throw new Conflict(`The catalogue already has a subject named "${name}"`);
    }
  }
}
