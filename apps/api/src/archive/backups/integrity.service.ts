import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { canonicalJson } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { NotFound } from '../../platform/errors/domain-errors';
import { FILE_STORAGE, type FileStorage } from '../../journal/files/file-storage';
import { type ManifestEntry, manifestSha256 } from '../packages/archive-files';
import { errText, sha256, verifyCopy } from './backup-format';
import type { IntegrityCheckedView, IntegrityFindingView, IntegrityReportSummaryView, IntegrityReportView } from './backups.dto';
import { BACKUP_READ, BACKUP_WRITE } from './backups.roles';
import type { StoredTarget } from './backups.service';

interface ManifestFile {
  name: string;
  sha256: string;
  size: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The files an archive item's manifest lists: the manifest is the list itself or an object with `files`. */
function manifestFiles(manifest: unknown): ManifestFile[] | null {
  const list = Array.isArray(manifest) ? manifest : (manifest as { files?: unknown } | null)?.files;
  if (!Array.isArray(list)) return null;
  return list as ManifestFile[];
}

/**
 * R-ARC-06, R-AUD-02: integrity control across the retention period. Re-reads (a) every file of every archive item that
 * has not been disposed of and recomputes the item's manifest checksum, (b) both copies of every backup against their
 * manifests, (c) the audit hash chain of every school; stores a report listing whatever is missing or altered.
 */
@Injectable()
export class IntegrityService {
  private readonly log = new Logger('Integrity');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async runOnDemand(actor: Actor, schoolId: string): Promise<IntegrityReportView> {
    const a = requireRole(actor, schoolId, BACKUP_WRITE);
    const id = await this.run('manual', { actor: a, schoolId, role: a.role });
    return this.view(id, schoolId);
  }

  async list(actor: Actor, schoolId: string, limit: number, offset: number): Promise<{ items: IntegrityReportSummaryView[]; total: number }> {
    requireRole(actor, schoolId, BACKUP_READ);
    const [rows, count] = await Promise.all([
      this.db.query(`SELECT * FROM integrity_reports ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2`, [limit, offset]),
      this.db.query(`SELECT count(*)::int AS n FROM integrity_reports`),
    ]);
    return {
      items: (rows as Record<string, unknown>[]).map((r) => {
        const { findings, ...summary } = toView(r, schoolId);
        void findings;
        return summary;
      }),
      total: count[0].n,
    };
  }

  async get(actor: Actor, schoolId: string, id: string): Promise<IntegrityReportView> {
    requireRole(actor, schoolId, BACKUP_READ);
    return this.view(id, schoolId);
  }

  private async view(id: string, schoolId: string | null): Promise<IntegrityReportView> {
    const [row] = await this.db.query(`SELECT * FROM integrity_reports WHERE id = $1`, [id]);
    if (!row) throw new NotFound('No such integrity report');
    return toView(row, schoolId);
  }

  /** Runs every check and stores the report; returns its id. Also used by the scheduled job. */
  async run(trigger: 'manual' | 'scheduled', who: { actor: Actor | null; schoolId: string | null; role: string | null }): Promise<string> {
    const id = newId();
    const requestedBy = who.actor?.principal.kind === 'user' ? who.actor.principal.userId : null;
    await this.db.query(
      `INSERT INTO integrity_reports (id, trigger, status, requested_by, started_at) VALUES ($1, $2, 'running', $3, $4)`,
      [id, trigger, requestedBy, this.clock.now()],
    );
    const findings: IntegrityFindingView[] = [];
    const checked: IntegrityCheckedView = { archiveItems: 0, archiveFiles: 0, backups: 0, backupCopies: 0, backupFiles: 0, auditChains: 0, auditEvents: 0 };
    let status: 'ok' | 'problems' | 'failed';
    let error: string | null = null;
    try {
      await this.checkArchiveItems(findings, checked);
      await this.checkBackups(id, findings, checked);
      await this.checkAuditChains(findings, checked);
      status = findings.length ? 'problems' : 'ok';
    } catch (e) {
      status = 'failed';
      error = errText(e);
      this.log.error(`integrity check ${id} failed: ${error}`);
    }
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE integrity_reports SET status = $2, finished_at = $3, checked = $4, findings = $5, error = $6 WHERE id = $1`,
        [id, status, this.clock.now(), JSON.stringify(checked), JSON.stringify(findings), error]);
      await this.audit.record(tx, {
        schoolId: who.schoolId, actor: who.actor, role: who.role, action: 'integrity.run', entity: 'integrity_report', entityId: id,
        after: { trigger, status, checked, findings: findings.length, error },
      });
    });
    return id;
  }

  /** (a) Archive items (R-ARC-06): each file's size and SHA-256 against the manifest, and the manifest against manifest_sha256. */
  private async checkArchiveItems(findings: IntegrityFindingView[], checked: IntegrityCheckedView): Promise<void> {
    const items: { id: string; school_id: string; title: string; storage_prefix: string; manifest: unknown; manifest_sha256: string }[] =
      await this.db.query(`SELECT id, school_id, title, storage_prefix, manifest, manifest_sha256 FROM archive_items
                            WHERE disposed_at IS NULL ORDER BY created_at, id`);
    for (const item of items) {
      checked.archiveItems++;
      const base = { schoolId: item.school_id, subjectId: item.id, subjectName: item.title, target: null };
      // The content address as the archive packages compute it (archive-files.ts: entries sorted by name, keys in a fixed order);
      // the sorted-keys canonical JSON of the audit log is accepted too.
      const files = manifestFiles(item.manifest);
      const actual = files ? manifestSha256(files as ManifestEntry[]) : sha256(canonicalJson(item.manifest));
      if (actual !== item.manifest_sha256 && sha256(canonicalJson(item.manifest)) !== item.manifest_sha256) {
        findings.push({ ...base, kind: 'archive_item', file: null, problem: 'altered',
          detail: `manifest sha256 ${actual}, recorded ${item.manifest_sha256}` });
      }
      if (!files) {
        findings.push({ ...base, kind: 'archive_item', file: null, problem: 'unreadable', detail: 'the manifest lists no files' });
        continue;
      }
      for (const f of files) {
        checked.archiveFiles++;
        let bytes: Buffer;
        try {
          bytes = await this.storage.get(`${item.storage_prefix}/${f.name}`);
        } catch (e) {
          const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
          findings.push({ ...base, kind: 'archive_file', file: f.name, problem: missing ? 'missing' : 'unreadable', detail: errText(e) });
          continue;
        }
        const hash = sha256(bytes);
        if (hash !== f.sha256 || bytes.length !== Number(f.size)) {
          findings.push({ ...base, kind: 'archive_file', file: f.name, problem: 'altered',
            detail: `size ${bytes.length} (manifest ${f.size}), sha256 ${hash} (manifest ${f.sha256})` });
        }
      }
    }
  }

  /** (b) Backups (R-ARC-05): both copies of every backup re-hashed against their own manifests; the result noted on the copy. */
  private async checkBackups(reportId: string, findings: IntegrityFindingView[], checked: IntegrityCheckedView): Promise<void> {
    const backups: { id: string; name: string; manifest_sha256: string | null; targets: StoredTarget[] }[] = await this.db.query(
      `SELECT id, name, manifest_sha256, targets FROM backups WHERE status IN ('done', 'partial') ORDER BY started_at, id`);
    for (const b of backups) {
      checked.backups++;
      const targets: StoredTarget[] = [];
      for (const t of b.targets) {
        if (t.status !== 'ok') {
          targets.push(t);
          continue;
        }
        checked.backupCopies++;
        const v = await verifyCopy(t.path, b.manifest_sha256);
        checked.backupFiles += v.files;
        for (const p of v.problems) {
          findings.push({ kind: 'backup_file', schoolId: null, subjectId: b.id, subjectName: b.name, target: t.key, file: p.file,
            problem: p.problem, detail: p.detail });
        }
        targets.push({ ...t, lastCheck: { at: this.clock.now().toISOString(), ok: v.ok, reportId, problems: v.problems.length } });
      }
      await this.db.query(`UPDATE backups SET targets = $2 WHERE id = $1`, [b.id, JSON.stringify(targets)]);
    }
  }

  /** (c) R-AUD-02: the hash chain of every school (and of the platform's own events). */
  private async checkAuditChains(findings: IntegrityFindingView[], checked: IntegrityCheckedView): Promise<void> {
    const keys: { k: string }[] = await this.db.query(
      `SELECT school_key AS k FROM audit_chain_heads UNION SELECT DISTINCT school_key FROM audit_events ORDER BY 1`);
    for (const { k } of keys) {
      const v = await this.audit.verify(k);
      checked.auditChains++;
      checked.auditEvents += v.checked;
      if (!v.ok) {
        findings.push({ kind: 'audit_chain', schoolId: UUID.test(k) ? k : null, subjectId: k, subjectName: k, target: null, file: null,
          problem: 'broken', detail: `entry ${v.firstBrokenSeq}: ${v.problem}` });
      }
    }
  }
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** A report as one school sees it: the findings about that school and about the platform (backups), never other schools'. */
function toView(r: Record<string, unknown>, schoolId: string | null): IntegrityReportView {
  const all = (r.findings as IntegrityFindingView[]) ?? [];
  const findings = schoolId === null ? all : all.filter((f) => f.schoolId === null || f.schoolId === schoolId);
  const checked = { archiveItems: 0, archiveFiles: 0, backups: 0, backupCopies: 0, backupFiles: 0, auditChains: 0, auditEvents: 0,
    ...(r.checked as Partial<IntegrityCheckedView>) };
  let status = r.status as IntegrityReportView['status'];
  if (status === 'problems' && findings.length === 0) status = 'ok';
  return {
    id: String(r.id), trigger: r.trigger as IntegrityReportView['trigger'], status,
    requestedBy: (r.requested_by as string) ?? null, startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), checked,
    findingCount: findings.length, error: (r.error as string) ?? null, findings,
  };
}
