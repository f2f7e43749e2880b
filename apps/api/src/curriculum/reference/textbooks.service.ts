import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { CALENDAR_WRITE, CURRICULUM_READ } from '../curriculum.roles';
import { SubjectsService } from '../subjects/subjects.service';
import { Textbook } from './room.entity';
import { CreateTextbookDto, TextbookView, UpdateTextbookDto } from './reference.dto';

const TEXTBOOK_SQL = `SELECT t.*, s.name AS subject_name FROM textbooks t JOIN subjects s ON s.id = t.subject_id`;

/** R-CUR-10: textbooks per subject and grade range (the inspector of R-CUR-05 asks that each planned subject lists one). */
@Injectable()
export class TextbooksService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly subjects: SubjectsService) {}

  async list(actor: Actor, schoolId: string, filter: { subjectId?: string; grade?: number } = {}): Promise<TextbookView[]> {
    requireRole(actor, schoolId, CURRICULUM_READ, 'roster:read');
    const rows: Record<string, unknown>[] = await this.db.query(
      `${TEXTBOOK_SQL} WHERE t.school_id = $1 AND ($2::uuid IS NULL OR t.subject_id = $2)
          AND ($3::int IS NULL OR $3 BETWEEN t.grade_from AND t.grade_to)
        ORDER BY s.name, t.grade_from, t.title`, [schoolId, filter.subjectId ?? null, filter.grade ?? null]);
    return rows.map(fromRow);
  }

  async get(actor: Actor, id: string): Promise<TextbookView> {
    const t = await this.find(actor, id);
    requireRole(actor, t.schoolId, CURRICULUM_READ, 'roster:read');
    return this.view(this.db.manager, id);
  }

  async create(actor: Actor, dto: CreateTextbookDto): Promise<TextbookView> {
    const a = requireRole(actor, dto.schoolId, CALENDAR_WRITE);
    if (dto.gradeTo < dto.gradeFrom) throw new InvalidField('gradeTo', 'gradeTo must not be below gradeFrom');
    return this.db.transaction(async (tx) => {
      await this.subjects.requireInSchool(tx, dto.schoolId, dto.subjectId);
      const t = tx.create(Textbook, { id: newId(), schoolId: dto.schoolId, subjectId: dto.subjectId, title: dto.title, authors: dto.authors ?? '',
        publisher: dto.publisher ?? '', year: dto.year ?? null, gradeFrom: dto.gradeFrom, gradeTo: dto.gradeTo });
      await tx.insert(Textbook, t);
      const after = await this.view(tx, t.id);
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'textbook.create', entity: 'textbook', entityId: t.id, after });
      return after;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateTextbookDto): Promise<TextbookView> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    return this.db.transaction(async (tx) => {
      const t = await tx.findOneOrFail(Textbook, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(t.version, dto.version);
      const next = { ...t, subjectId: dto.subjectId ?? t.subjectId, title: dto.title ?? t.title, authors: dto.authors ?? t.authors,
        publisher: dto.publisher ?? t.publisher, year: dto.year === undefined ? t.year : dto.year, gradeFrom: dto.gradeFrom ?? t.gradeFrom,
        gradeTo: dto.gradeTo ?? t.gradeTo };
      if (next.gradeTo < next.gradeFrom) throw new InvalidField('gradeTo', 'gradeTo must not be below gradeFrom');
      if (dto.subjectId) await this.subjects.requireInSchool(tx, t.schoolId, dto.subjectId);
      const before = await this.view(tx, id);
      await tx.save(Textbook, next);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: t.schoolId, actor, role: a.role, action: 'textbook.update', entity: 'textbook', entityId: id,
        before, after, reason: dto.reason ?? null });
      return after;
    });
  }

  /** A textbook may be deleted while nothing refers to it (a mistaken entry); 409 otherwise. */
  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const found = await this.find(actor, id);
    const a = requireRole(actor, found.schoolId, CALENDAR_WRITE);
    await this.db.transaction(async (tx) => {
      const t = await tx.findOneOrFail(Textbook, { where: { id }, lock: { mode: 'pessimistic_write' } });
      assertVersion(t.version, version);
      const before = await this.view(tx, id);
      try {
        await tx.delete(Textbook, { id });
      } catch (e) {
        if (e instanceof QueryFailedError && (e as unknown as { code?: string }).code === '23503') {
          throw new Conflict('The textbook is still referred to and cannot be deleted');
        }
        throw e;
      }
      await this.audit.record(tx, { schoolId: t.schoolId, actor, role: a.role, action: 'textbook.delete', entity: 'textbook', entityId: id, before });
    });
  }

  private async find(actor: Actor, id: string): Promise<Textbook> {
    const t = await this.db.getRepository(Textbook).findOneBy({ id });
    if (!t || !actor.principal.memberships.some((m) => m.schoolId === t.schoolId)) throw new NotFound('No such textbook');
    return t;
  }

  private async view(tx: EntityManager, id: string): Promise<TextbookView> {
    const rows: Record<string, unknown>[] = await tx.query(`${TEXTBOOK_SQL} WHERE t.id = $1`, [id]);
    return fromRow(rows[0]);
  }
}

function fromRow(r: Record<string, unknown>): TextbookView {
  return { id: r.id as string, schoolId: r.school_id as string, subjectId: r.subject_id as string, subjectName: r.subject_name as string,
    title: r.title as string, authors: r.authors as string, publisher: r.publisher as string, year: (r.year as number | null) ?? null,
    gradeFrom: r.grade_from as number, gradeTo: r.grade_to as number, version: r.version as number };
}
