import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { newId } from '../../platform/database/ids';
import { Conflict } from '../../platform/errors/domain-errors';
import { errText } from './backup-format';
import { type BackupTarget, SnapshotDump } from './backup-writer';
import type { BackupTargetView, BackupView } from './backups.dto';
import { BACKUP_READ, BACKUP_WRITE } from './backups.roles';

export interface StoredTarget {
  key: string;
  path: string;
  status: 'ok' | 'failed';
  manifestSha256: string | null;
  error: string | null;
  lastCheck?: { at: string; ok: boolean; reportId: string; problems: number } | null;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

/** The database URL the API runs on (the backup opens its own snapshot connection). */
export const databaseUrlOf = (db: DataSource): string => {
  const url = (db.options as { url?: string }).url;
  if (!url) throw new Error('The data source has no URL');
  return url;
};

/**
 * R-ARC-05: backups of the whole database on two independent targets, on demand (operator/admin) and on a schedule
 * (pg-boss, backups.jobs.ts). Each backup is registered in `backups` with both copies' paths and checksums, and audited.
 */
@Injectable()
export class BackupsService {
  private readonly log = new Logger('Backups');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  targets(): BackupTarget[] {
    return [{ key: 'a', dir: this.config.backupTargetA }, { key: 'b', dir: this.config.backupTargetB }];
  }

  async list(actor: Actor, schoolId: string, limit: number, offset: number): Promise<{ items: BackupView[]; total: number }> {
    requireRole(actor, schoolId, BACKUP_READ);
    const [rows, count] = await Promise.all([
      this.db.query(`SELECT * FROM backups ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2`, [limit, offset]),
      this.db.query(`SELECT count(*)::int AS n FROM backups`),
    ]);
    return { items: (rows as Record<string, unknown>[]).map(toView), total: count[0].n };
  }

  /** POST /archive/backups: runs the backup now and answers with its record (state done, partial or failed). */
  async createOnDemand(actor: Actor, schoolId: string, reason?: string): Promise<BackupView> {
    const a = requireRole(actor, schoolId, BACKUP_WRITE);
    return this.run('manual', { actor: a, schoolId, role: a.role, reason: reason ?? null });
  }

  /** The core, also used by the scheduled job (no actor; audited in the platform's chain). */
  async run(trigger: 'manual' | 'scheduled', who: { actor: Actor | null; schoolId: string | null; role: string | null; reason: string | null }): Promise<BackupView> {
    const dump = new SnapshotDump(databaseUrlOf(this.db));
    if (!(await dump.open())) throw new Conflict('Another backup is running; try again when it has finished');
    const id = newId();
    const startedAt = this.clock.now();
    const name = `otmetka-${stamp(startedAt)}-${id.slice(-6)}`;
    const requestedBy = who.actor?.principal.kind === 'user' ? who.actor.principal.userId : null;
    try {
      // Registered after the snapshot was taken, so a backup never contains its own running record.
      await this.db.transaction(async (tx) => {
        // We hold the backup lock: a record still "running" belongs to a process that died.
        await tx.query(`UPDATE backups SET status = 'failed', error = 'interrupted', finished_at = $1 WHERE status = 'running'`, [startedAt]);
        await tx.query(
          `INSERT INTO backups (id, name, trigger, status, requested_by, started_at, snapshot_at, targets)
           VALUES ($1, $2, $3, 'running', $4, $5, $6, $7)`,
          [id, name, trigger, requestedBy, startedAt, dump.snapshotAt, JSON.stringify([])],
        );
      });
      let status: 'done' | 'partial' | 'failed';
      let error: string | null = null;
      try {
        const result = await dump.dump(name, startedAt, this.targets());
        const ok = result.targets.filter((t) => t.status === 'ok').length;
        status = ok === result.targets.length ? 'done' : ok > 0 ? 'partial' : 'failed';
        if (status !== 'done') error = result.targets.filter((t) => t.error).map((t) => `${t.key}: ${t.error}`).join('; ');
        await this.db.query(
          `UPDATE backups SET status = $2, finished_at = $3, table_count = $4, row_count = $5, byte_count = $6, manifest_sha256 = $7,
                  migrations = $8, targets = $9, error = $10 WHERE id = $1`,
          [id, status, this.clock.now(), result.manifest.totals.tables, result.manifest.totals.rows, result.manifest.totals.bytes,
            result.manifestSha256, result.manifest.migrations, JSON.stringify(result.targets), error],
        );
      } catch (e) {
        status = 'failed';
        error = errText(e);
        this.log.error(`backup ${name} failed: ${error}`);
        await this.db.query(`UPDATE backups SET status = 'failed', finished_at = $2, error = $3 WHERE id = $1`, [id, this.clock.now(), error]);
      }
      const view = await this.get(id);
      await this.db.transaction((tx) => this.audit.record(tx, {
        schoolId: who.schoolId, actor: who.actor, role: who.role, action: 'backup.create', entity: 'backup', entityId: id,
        after: { name, trigger, status: view.status, rowCount: view.rowCount, manifestSha256: view.manifestSha256,
          targets: view.targets.map((t) => ({ key: t.key, path: t.path, status: t.status })), error: view.error },
        reason: who.reason,
      }));
      if (status !== 'failed') this.log.log(`backup ${name}: ${view.rowCount} rows, ${view.byteCount} bytes, ${status}`);
      return view;
    } finally {
      await dump.close();
    }
  }

  async get(id: string): Promise<BackupView> {
    const [row] = await this.db.query(`SELECT * FROM backups WHERE id = $1`, [id]);
    return toView(row);
  }
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toView(r: Record<string, unknown>): BackupView {
  const targets = (r.targets as StoredTarget[]).map((t): BackupTargetView => ({
    key: t.key, path: t.path, status: t.status, manifestSha256: t.manifestSha256 ?? null, error: t.error ?? null, lastCheck: t.lastCheck ?? null,
  }));
  return {
    id: String(r.id), name: String(r.name), trigger: r.trigger as BackupView['trigger'], status: r.status as BackupView['status'],
    requestedBy: (r.requested_by as string) ?? null, startedAt: iso(r.started_at)!, finishedAt: iso(r.finished_at), snapshotAt: iso(r.snapshot_at),
    tableCount: num(r.table_count), rowCount: num(r.row_count), byteCount: num(r.byte_count), manifestSha256: (r.manifest_sha256 as string) ?? null,
    migrations: (r.migrations as string[]) ?? [], targets, error: (r.error as string) ?? null,
  };
}
