import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { FILE_STORAGE, type FileStorage } from '../../journal/files/file-storage';
import { ARCHIVE_BUILD, ARCHIVE_READ, PRINTOUT_BUILD } from '../archive.roles';
import { addYears, type ArchiveFile, manifestOf, manifestSha256, sha256 } from './archive-files';
import { ARCHIVE_KINDS, type ArchiveItemListView, type ArchiveItemView, type ArchiveKind, type BuildResultView } from './archive.dto';
import { journalPackageData, journalPackageFiles } from './journal-package';
import { summarySheetData, summarySheetFiles, summarySheetPdf, summarySheetXlsx } from './summary-sheet';

/** Retention from the end of the year: journals 5 years (004 §7.2), summary sheets 25 years (004 §7.3). */
export const RETENTION_YEARS: Record<Exclude<ArchiveKind, 'disposal_act'>, number> = { journal_package: 5, journal_printout: 5, summary_sheet: 25 };
/** Disposal acts are kept for good. */
export const FOREVER = '9999-12-31';

export interface NewItem {
  schoolId: string;
  kind: ArchiveKind;
  academicYearId: string | null;
  classId: string | null;
  subjectId: string | null;
  periodId: string | null;
  title: string;
  retentionUntil: string;
  createdBy: string | null;
}

const ITEM_SQL = `SELECT a.id, a.school_id AS "schoolId", a.kind, a.academic_year_id AS "academicYearId", y.name AS "yearName",
  a.class_id AS "classId", CASE WHEN c.id IS NULL THEN NULL ELSE c.grade || c.letter END AS "className",
  a.subject_id AS "subjectId", sb.name AS "subjectName", a.period_id AS "periodId", sp.name AS "periodName", a.title, a.manifest,
  a.manifest_sha256 AS "manifestSha256", a.retention_until::text AS "retentionUntil",
  to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(a.disposed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "disposedAt", a.disposal_act_id AS "disposalActId", a.storage_prefix AS "storagePrefix"
  FROM archive_items a LEFT JOIN academic_years y ON y.id = a.academic_year_id LEFT JOIN classes c ON c.id = a.class_id
  LEFT JOIN subjects sb ON sb.id = a.subject_id LEFT JOIN study_periods sp ON sp.id = a.period_id`;

/** TypeORM answers UPDATE … RETURNING with [rows, count]; this returns the rows. */
export const updated = <T>(res: unknown): T[] => (Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res) as T[];

type ItemRow = ArchiveItemView & { storagePrefix: string };
const view = ({ storagePrefix: _, ...v }: ItemRow): ArchiveItemView => v;

/**
 * R-ARC-02 … R-ARC-04: archive items written once under a content address. The same content (same data.json) yields the same item;
 * an existing item is never overwritten.
 */
@Injectable()
export class ArchiveItemsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  /** Writes the files and the item, or returns the item that already holds the same content. */
  async store(item: NewItem, files: ArchiveFile[], actor: Actor | null, role: string | null): Promise<{ item: ArchiveItemView; created: boolean }> {
    const data = files.find((f) => f.name === 'data.json');
    const dataSha = data ? sha256(data.bytes) : null;
    const manifest = manifestOf(files);
    const address = manifestSha256(manifest);
    const existing = await this.findSame(item, dataSha, address);
    if (existing) return { item: view(existing), created: false };
    const id = newId();
    const prefix = `${item.schoolId}/archive/${id}`;
    for (const f of files) await this.storage.put(`${prefix}/${f.name}`, f.bytes);
    const inserted = await this.db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO archive_items (id, school_id, kind, academic_year_id, class_id, subject_id, period_id, title, storage_prefix, manifest, manifest_sha256,
           retention_until, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11,$12,$13,$14) ON CONFLICT (school_id, manifest_sha256) DO NOTHING RETURNING id`,
        [id, item.schoolId, item.kind, item.academicYearId, item.classId, item.subjectId, item.periodId, item.title, prefix, JSON.stringify(manifest),
          address, item.retentionUntil, item.createdBy, this.clock.now()]);
      if (!rows.length) return false;
      await this.audit.record(tx, { schoolId: item.schoolId, actor, role, action: 'archive_item.create', entity: 'archive_item', entityId: id,
        after: { kind: item.kind, title: item.title, academicYearId: item.academicYearId, classId: item.classId, subjectId: item.subjectId,
          periodId: item.periodId, manifestSha256: address, retentionUntil: item.retentionUntil, files: manifest } });
      return true;
    });
    if (!inserted) {
      // Someone stored the same content meanwhile: drop our copy, answer theirs.
      for (const f of files) await this.storage.delete(`${prefix}/${f.name}`);
      const [row] = await this.db.query(`${ITEM_SQL} WHERE a.school_id = $1 AND a.manifest_sha256 = $2`, [item.schoolId, address]);
      return { item: view(row), created: false };
    }
    return { item: await this.get(id), created: true };
  }

  private async findSame(item: NewItem, dataSha: string | null, address: string): Promise<ItemRow | null> {
    const [byAddress] = await this.db.query(`${ITEM_SQL} WHERE a.school_id = $1 AND a.manifest_sha256 = $2`, [item.schoolId, address]);
    if (byAddress) return byAddress;
    if (!dataSha) return null;
    const [same] = await this.db.query(
      `${ITEM_SQL} WHERE a.school_id = $1 AND a.kind = $2 AND a.academic_year_id IS NOT DISTINCT FROM $3 AND a.class_id IS NOT DISTINCT FROM $4
         AND a.subject_id IS NOT DISTINCT FROM $5 AND a.period_id IS NOT DISTINCT FROM $6 AND a.disposed_at IS NULL
         AND a.manifest @> $7::jsonb ORDER BY a.created_at LIMIT 1`,
      [item.schoolId, item.kind, item.academicYearId, item.classId, item.subjectId, item.periodId, JSON.stringify([{ name: 'data.json', sha256: dataSha }])]);
    return same ?? null;
  }

  async get(id: string, tx: EntityManager = this.db.manager): Promise<ArchiveItemView> {
    const [row] = await tx.query(`${ITEM_SQL} WHERE a.id = $1`, [id]);
    if (!row) throw new NotFound('No such archive item');
    return view(row);
  }

  async list(actor: Actor, q: { schoolId: string; yearId?: string; classId?: string; kind?: string; includeDisposed?: boolean; limit: number; offset: number }):
    Promise<ArchiveItemListView> {
    requireRole(actor, q.schoolId, ARCHIVE_READ);
    if (q.kind !== undefined && !(ARCHIVE_KINDS as readonly string[]).includes(q.kind)) {
      throw new InvalidField('kind', `kind must be one of ${ARCHIVE_KINDS.join(', ')}`);
    }
    const where = `WHERE a.school_id = $1 AND ($2::uuid IS NULL OR a.academic_year_id = $2) AND ($3::uuid IS NULL OR a.class_id = $3)
      AND ($4::text IS NULL OR a.kind = $4) AND ($5 OR a.disposed_at IS NULL)`;
    const params = [q.schoolId, q.yearId ?? null, q.classId ?? null, q.kind ?? null, q.includeDisposed ?? false];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`${ITEM_SQL} ${where} ORDER BY y.starts_on DESC NULLS LAST, a.kind, c.grade, c.letter, sb.name, sp.number, a.created_at LIMIT $6 OFFSET $7`,
        [...params, q.limit, q.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM archive_items a ${where}`, params),
    ]);
    return { items: (rows as ItemRow[]).map(view), total };
  }

  /** R-ARC-02: one file of an item, checked against its manifest; a disposed item has no files any more (410 would leak; 404). */
  async file(actor: Actor, id: string, name: string): Promise<{ bytes: Buffer; contentType: string; title: string }> {
    const [row]: ItemRow[] = await this.db.query(`${ITEM_SQL} WHERE a.id = $1`, [id]);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.schoolId)) throw new NotFound('No such archive item');
    requireRole(actor, row.schoolId, ARCHIVE_READ);
    const entry = row.manifest.find((m) => m.name === name);
    if (!entry) throw new NotFound(`The item has no file ${name}`);
    if (row.disposedAt) throw new Conflict(`The item was disposed of on ${row.disposedAt.slice(0, 10)}; its files no longer exist`);
    const bytes = await this.storage.get(`${row.storagePrefix}/${name}`);
    if (sha256(bytes) !== entry.sha256) throw new Conflict(`The stored file ${name} does not match its checksum; restore it from a backup`);
    return { bytes, contentType: entry.contentType, title: row.title };
  }

  /** R-ARC-02/R-ARC-03: builds the journal packages and summary sheets of a closed year (admin/operator). */
  async build(actor: Actor, dto: { schoolId: string; academicYearId: string; classId?: string; kinds?: ('journal_package' | 'summary_sheet')[] }):
    Promise<BuildResultView> {
    const a = requireRole(actor, dto.schoolId, ARCHIVE_BUILD);
    const [year] = await this.db.query(`SELECT status FROM academic_years WHERE id = $1 AND school_id = $2`, [dto.academicYearId, dto.schoolId]);
    if (!year) throw new NotFound('No such academic year');
    if (year.status !== 'closed') throw new Conflict('Archive packages are built for a closed year; close the year first');
    if (dto.classId) {
      const [c] = await this.db.query(`SELECT 1 FROM classes WHERE id = $1 AND academic_year_id = $2`, [dto.classId, dto.academicYearId]);
      if (!c) throw new NotFound('No such class in the year');
    }
    return this.buildYear(dto.schoolId, dto.academicYearId, { classId: dto.classId ?? null, kinds: dto.kinds ?? ['journal_package', 'summary_sheet'] },
      actor, a.role);
  }

  /** Builds without a role check (year closing, the demo seed). */
  async buildYear(schoolId: string, yearId: string, o: { classId: string | null; kinds: ('journal_package' | 'summary_sheet')[]; subjectLimit?: number },
    actor: Actor | null, role: string | null): Promise<BuildResultView> {
    const items: ArchiveItemView[] = [];
    let created = 0;
    const [year] = await this.db.query(`SELECT ends_on::text AS "endsOn", name FROM academic_years WHERE id = $1`, [yearId]);
    const stampedAt = new Date(`${year.endsOn}T00:00:00Z`);
    const createdBy = actor?.principal.kind === 'user' ? actor.principal.userId : null;
    if (o.kinds.includes('summary_sheet')) {
      const data = await summarySheetData(this.db.manager, schoolId, yearId, o.classId);
      for (const c of data?.classes ?? []) {
        const one = { ...data!, classes: [c] };
        const files = await summarySheetFiles(one, stampedAt);
        const r = await this.store({ schoolId, kind: 'summary_sheet', academicYearId: yearId, classId: c.id, subjectId: null, periodId: null,
          title: `Сводная ведомость ${c.name} класса, ${year.name}`, retentionUntil: addYears(year.endsOn, RETENTION_YEARS.summary_sheet), createdBy }, files, actor, role);
        items.push(r.item);
        if (r.created) created++;
      }
    }
    if (o.kinds.includes('journal_package')) {
      const pairs: { classId: string; subjectId: string }[] = await this.db.query(
        `WITH cls AS (SELECT id FROM classes WHERE school_id = $1 AND academic_year_id = $2 AND ($3::uuid IS NULL OR id = $3))
         SELECT p."classId", p."subjectId" FROM (
           SELECT class_id AS "classId", subject_id AS "subjectId" FROM lessons WHERE class_id IN (SELECT id FROM cls) AND academic_year_id = $2
           UNION SELECT class_id, subject_id FROM teacher_loads WHERE class_id IN (SELECT id FROM cls) AND academic_year_id = $2
           UNION SELECT class_id, subject_id FROM period_marks WHERE class_id IN (SELECT id FROM cls) AND academic_year_id = $2) p
         JOIN classes c ON c.id = p."classId" JOIN subjects s ON s.id = p."subjectId"
         ORDER BY c.grade, c.letter, s.name, s.id`, [schoolId, yearId, o.classId]);
      const perClass = new Map<string, number>();
      for (const p of pairs) {
        const n = (perClass.get(p.classId) ?? 0) + 1;
        perClass.set(p.classId, n);
        if (o.subjectLimit !== undefined && n > o.subjectLimit) continue;
        const r = await this.buildJournal({ schoolId, yearId, classId: p.classId, subjectId: p.subjectId, periodId: null }, 'journal_package', actor, role);
        items.push(r.item);
        if (r.created) created++;
      }
    }
    return { created, existing: items.length - created, items };
  }

  private async buildJournal(s: { schoolId: string; yearId: string; classId: string; subjectId: string; periodId: string | null },
    kind: 'journal_package' | 'journal_printout', actor: Actor | null, role: string | null) {
    const d = await journalPackageData(this.db.manager, s);
    if (!d) throw new NotFound('No such class, subject or period in the year');
    const stampedAt = new Date(`${d.period?.endsOn ?? d.year.endsOn}T00:00:00Z`);
    const files = await journalPackageFiles(d, stampedAt);
    const title = kind === 'journal_package'
      ? `Журнал ${d.class.name} класса, ${d.subject.name}, ${d.year.name}`
      : `Распечатка журнала ${d.class.name} класса, ${d.subject.name}, ${d.period!.name} ${d.year.name}`;
    return this.store({ schoolId: s.schoolId, kind, academicYearId: s.yearId, classId: s.classId, subjectId: s.subjectId, periodId: s.periodId, title,
      retentionUntil: addYears(d.year.endsOn, RETENTION_YEARS[kind]),
      createdBy: actor?.principal.kind === 'user' ? actor.principal.userId : null }, files, actor, role);
  }

  /** R-ARC-04: the journal pages of a class and subject for one study period, with signature lines, kept as an archive item. */
  async printout(actor: Actor, dto: { classId: string; subjectId: string; periodId: string }): Promise<{ item: ArchiveItemView; created: boolean }> {
    const [c] = await this.db.query(
      `SELECT c.school_id AS "schoolId", c.academic_year_id AS "yearId", sp.id AS "periodId", sp.ends_on::text AS "endsOn"
         FROM classes c LEFT JOIN study_periods sp ON sp.id = $2 AND sp.academic_year_id = c.academic_year_id
           AND c.grade BETWEEN sp.grade_from AND sp.grade_to WHERE c.id = $1`, [dto.classId, dto.periodId]);
    if (!c || !actor.principal.memberships.some((m) => m.schoolId === c.schoolId)) throw new NotFound('No such class');
    const a = requireRole(actor, c.schoolId, PRINTOUT_BUILD);
    if (!c.periodId) throw new NotFound('No such study period for the class');
    const [sub] = await this.db.query(`SELECT 1 FROM subjects WHERE id = $1 AND school_id = $2`, [dto.subjectId, c.schoolId]);
    if (!sub) throw new NotFound('No such subject');
    return this.buildJournal({ schoolId: c.schoolId, yearId: c.yearId, classId: dto.classId, subjectId: dto.subjectId, periodId: dto.periodId },
      'journal_printout', actor, a.role);
  }

  /** R-ARC-03: the summary sheet read directly (one class, or the whole school when classId is omitted). */
  async summarySheet(actor: Actor, q: { schoolId: string; yearId: string; classId?: string; format: 'pdf' | 'xlsx' }): Promise<{ bytes: Buffer; name: string }> {
    requireRole(actor, q.schoolId, ARCHIVE_READ);
    const d = await summarySheetData(this.db.manager, q.schoolId, q.yearId, q.classId ?? null);
    if (!d) throw new NotFound('No such academic year');
    if (q.classId && d.classes.length === 0) throw new NotFound('No such class in the year');
    const stampedAt = this.clock.now();
    const bytes = q.format === 'pdf' ? await summarySheetPdf(d, stampedAt) : await summarySheetXlsx(d, stampedAt);
    return { bytes, name: `Сводная ведомость ${q.classId ? `${d.classes[0].name} ` : ''}${d.year.name.replace('/', '-')}` };
  }
}
