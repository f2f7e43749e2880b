import { Inject, Injectable } from '@nestjs/common';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { FILE_STORAGE, type FileStorage } from '../../journal/files/file-storage';
import { DISPOSAL_CONFIRM, DISPOSAL_READ } from '../archive.roles';
import { HEAD, JSON_MIME, LAYOUT, PDF_MIME, renderPdf, ruDate, shortName, signatureLines, stableJson } from './archive-files';
import type { ArchiveItemListView, DisposalDto, DisposalResultView } from './archive.dto';
import { ArchiveItemsService, FOREVER, updated } from './archive-items.service';

const KIND_RU: Record<string, string> = {
  journal_package: 'Электронный журнал (пакет)', summary_sheet: 'Сводная ведомость', journal_printout: 'Распечатка журнала', disposal_act: 'Акт',
};

/**
 * R-ARC-07: items whose retention has ended are listed for disposal; nothing is deleted by a timer. The director confirms a disposal
 * act (itself an archive item kept for good); only then are the items marked disposed and their files deleted; audited.
 */
@Injectable()
export class DisposalService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock,
    private readonly items: ArchiveItemsService, @Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  private async today(schoolId: string): Promise<string> {
    const [r] = await this.db.query(`SELECT ($1::timestamptz AT TIME ZONE time_zone)::date::text AS d FROM schools WHERE id = $2`,
      [this.clock.now().toISOString(), schoolId]);
    return r.d;
  }

  async candidates(actor: Actor, schoolId: string): Promise<ArchiveItemListView> {
    requireRole(actor, schoolId, DISPOSAL_READ);
    const today = await this.today(schoolId);
    const ids: { id: string }[] = await this.db.query(
      `SELECT id FROM archive_items WHERE school_id = $1 AND disposed_at IS NULL AND kind <> 'disposal_act' AND retention_until < $2
        ORDER BY retention_until, created_at, id`, [schoolId, today]);
    const items = [];
    for (const { id } of ids) items.push(await this.items.get(id));
    return { items, total: items.length };
  }

  async dispose(actor: Actor, dto: DisposalDto): Promise<DisposalResultView> {
    const a = requireRole(actor, dto.schoolId, DISPOSAL_CONFIRM);
    if (dto.confirm !== true) throw new InvalidField('confirm', 'The director must confirm the disposal act');
    const ids = [...new Set(dto.itemIds)];
    const today = await this.today(dto.schoolId);
    const check = async (q: (sql: string, p: unknown[]) => Promise<{ id: string; kind: string; retention_until: string; disposed_at: Date | null }[]>, lock: boolean) => {
      const rows = await q(`SELECT id, kind, retention_until::text AS retention_until, disposed_at FROM archive_items
        WHERE school_id = $1 AND id = ANY($2::uuid[]) ${lock ? 'FOR UPDATE' : ''}`, [dto.schoolId, ids]);
      if (rows.length !== ids.length) throw new NotFound('Some archive items do not exist in this school');
      const bad = rows.find((r) => r.kind === 'disposal_act' || r.disposed_at !== null || r.retention_until >= today);
      if (bad) {
        throw new Conflict(bad.disposed_at ? `Item ${bad.id} is already disposed of`
          : bad.kind === 'disposal_act' ? 'A disposal act is kept for good' : `Item ${bad.id} is kept until ${bad.retention_until}`);
      }
    };
    await check((s, p) => this.db.query(s, p), false);
    const views = [];
    for (const id of ids) views.push(await this.items.get(id));
    const [{ next }] = await this.db.query(`SELECT coalesce(max(number), 0) + 1 AS next FROM archive_disposal_acts WHERE school_id = $1`, [dto.schoolId]);
    const [head] = await this.db.query(
      `SELECT sc.name, (SELECT concat_ws(' ', p.last_name, p.first_name, p.middle_name) FROM persons p WHERE p.id = $2) AS director
         FROM schools sc WHERE sc.id = $1`, [dto.schoolId, actor.principal.personId]);
    const now = this.clock.now();
    const title = `Акт № ${next} о выделении к уничтожению документов, не подлежащих хранению`;
    const content: Content[] = [
      { text: head.name, fontSize: 9, color: '#555555' },
      { text: title, bold: true, fontSize: 12, margin: [0, 4, 0, 2] },
      { text: `Дата: ${ruDate(today)}`, margin: [0, 0, 0, 2] },
      { text: `Основание: ${dto.reason}`, margin: [0, 0, 0, 8] },
      { table: { headerRows: 1, widths: [16, '*', 90, 60, 70, 120], dontBreakRows: true, body: [
        ['№', 'Документ', 'Вид', 'Учебный год', 'Хранить до', 'SHA-256 манифеста'].map((t) => ({ text: t, ...HEAD })),
        ...views.map((v, i) => [String(i + 1), v.title, KIND_RU[v.kind] ?? v.kind, v.yearName ?? '', ruDate(v.retentionUntil),
          { text: v.manifestSha256, fontSize: 5 }]),
      ] }, layout: LAYOUT },
      { text: `Итого: ${views.length} ед. Сроки хранения истекли (004 §7.2–7.3). Электронные файлы удаляются после утверждения акта.`, margin: [0, 6, 0, 0] },
      signatureLines([{ role: 'Директор (утверждаю)', name: shortName(head.director) }]),
    ];
    const doc: TDocumentDefinitions = { pageSize: 'A4', pageMargins: [36, 36, 36, 36], info: { title }, defaultStyle: { font: 'Roboto', fontSize: 8 }, content };
    const files = [
      { name: 'disposal-act.pdf', contentType: PDF_MIME, bytes: await renderPdf(doc, now) },
      { name: 'data.json', contentType: JSON_MIME, bytes: stableJson({ number: next, date: today, reason: dto.reason, confirmedAt: now.toISOString(),
        items: views.map((v) => ({ id: v.id, kind: v.kind, title: v.title, retentionUntil: v.retentionUntil, manifestSha256: v.manifestSha256, manifest: v.manifest })) }) },
    ];
    const { item: act } = await this.items.store({ schoolId: dto.schoolId, kind: 'disposal_act', academicYearId: null, classId: null, subjectId: null,
      periodId: null, title, retentionUntil: FOREVER, createdBy: actor.principal.userId }, files, actor, a.role);
    const prefixes: { storage_prefix: string; manifest: { name: string }[] }[] = await this.db.transaction(async (tx) => {
      await check((s, p) => tx.query(s, p), true);
      await tx.query(`INSERT INTO archive_disposal_acts (item_id, school_id, number, reason, item_ids, confirmed_by, confirmed_at) VALUES ($1,$2,$3,$4,$5::uuid[],$6,$7)`,
        [act.id, dto.schoolId, next, dto.reason, ids, actor.principal.userId, now]);
      const rows: { id: string; storage_prefix: string; manifest: { name: string }[]; retention_until: string }[] = updated(await tx.query(`UPDATE archive_items SET disposed_at = $2, disposal_act_id = $3 WHERE id = ANY($1::uuid[])
        RETURNING id, storage_prefix, manifest, title, retention_until::text AS retention_until`, [ids, now, act.id]));
      for (const r of rows) {
        await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'archive_item.dispose', entity: 'archive_item', entityId: r.id,
          before: { disposedAt: null, retentionUntil: r.retention_until }, after: { disposedAt: now.toISOString(), disposalActId: act.id, actNumber: next },
          reason: dto.reason });
      }
      return rows;
    });
    // The files go only now, after the act is recorded.
    for (const r of prefixes) for (const f of r.manifest) await this.storage.delete(`${r.storage_prefix}/${f.name}`);
    return { act, number: next, disposed: prefixes.length };
  }
}
