import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import {
  appliedMigrations, BACKUP_FORMAT, type BackupManifest, errText, listTables, MANIFEST_CHECKSUM_FILE, MANIFEST_FILE,
  type ManifestTable, quoteIdent, sha256, sha256File,
} from './backup-format';

export interface BackupTarget {
  key: string;
  dir: string;
}

export interface TargetResult {
  key: string;
  path: string;
  status: 'ok' | 'failed';
  manifestSha256: string | null;
  error: string | null;
}

export interface DumpResult {
  manifest: BackupManifest;
  manifestSha256: string;
  targets: TargetResult[];
}

const FETCH_ROWS = 2000;
/** Only one backup at a time, across API processes (session advisory lock held by the snapshot connection). */
const BACKUP_LOCK_KEY = 1765200005;

/**
 * R-ARC-05: a consistent logical backup. `open()` starts a REPEATABLE READ READ ONLY transaction, so every table is read
 * from the same snapshot; `dump()` writes the copy into the first writable target and copies it to the others, each
 * copy re-hashed after copying and given its own manifest. Copies appear under their final name only when complete.
 */
export class SnapshotDump {
  private client: Client | null = null;
  snapshotAt: Date | null = null;

  constructor(private readonly url: string) {}

  /** false when another backup holds the lock. */
  async open(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, application_name: 'otmetka-backup' });
    await client.connect();
    const lock = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [BACKUP_LOCK_KEY]);
    if (!lock.rows[0].ok) {
      await client.end();
      return false;
    }
    this.client = client;
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    // The first query fixes the snapshot.
    const r = await client.query<{ at: Date }>(`SELECT now() AS at`);
    this.snapshotAt = r.rows[0].at;
    return true;
  }

  async dump(name: string, createdAt: Date, targets: BackupTarget[]): Promise<DumpResult> {
    const client = this.client;
    if (!client || !this.snapshotAt) throw new Error('snapshot not open');
    const results: TargetResult[] = targets.map((t) => ({ key: t.key, path: join(t.dir, name), status: 'failed', manifestSha256: null, error: null }));
    const partial = (t: BackupTarget) => join(t.dir, `.${name}.partial`);
    // The first target that accepts a directory gets the primary copy.
    let primary = -1;
    for (let i = 0; i < targets.length && primary < 0; i++) {
      try {
        await mkdir(partial(targets[i]), { recursive: true });
        primary = i;
      } catch (e) {
        results[i].error = errText(e);
      }
    }
    if (primary < 0) throw new Error(`No backup target is writable: ${results.map((r) => `${r.key}: ${r.error}`).join('; ')}`);
    const src = partial(targets[primary]);
    const tables = await listTables(client);
    const entries: ManifestTable[] = [];
    let n = 0;
    for (const t of tables) {
      const file = `${String(++n).padStart(3, '0')}-${t.name}.ndjson.gz`;
      const rows = await dumpTable(client, t.name, t.primaryKey, join(src, file));
      const { sha256: hash, bytes } = await sha256File(join(src, file));
      entries.push({ name: t.name, columns: t.columns, primaryKey: t.primaryKey, rows, file, sha256: hash, bytes });
    }
    const version = (await client.query<{ v: string }>(`SHOW server_version`)).rows[0].v;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      name,
      createdAt: createdAt.toISOString(),
      snapshotAt: this.snapshotAt.toISOString(),
      serverVersion: version,
      migrations: await appliedMigrations(client),
      tables: entries,
      totals: { tables: entries.length, rows: entries.reduce((s, e) => s + e.rows, 0), bytes: entries.reduce((s, e) => s + e.bytes, 0) },
    };
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestSha256 = sha256(manifestText);
    const finish = async (i: number) => {
      const dir = partial(targets[i]);
      await writeFile(join(dir, MANIFEST_FILE), manifestText);
      await writeFile(join(dir, MANIFEST_CHECKSUM_FILE), `${manifestSha256}  ${MANIFEST_FILE}\n`);
      await rename(dir, results[i].path);
      results[i].status = 'ok';
      results[i].manifestSha256 = manifestSha256;
      results[i].error = null;
    };
    for (let i = 0; i < targets.length; i++) {
      if (i === primary) continue;
      if (i < primary) continue; // could not even create its directory
      try {
        const dst = partial(targets[i]);
        await mkdir(dst, { recursive: true });
        for (const e of entries) {
          await copyFile(join(src, e.file), join(dst, e.file));
          const got = await sha256File(join(dst, e.file));
          if (got.sha256 !== e.sha256 || got.bytes !== e.bytes) throw new Error(`${e.file} differs after copying`);
        }
        await finish(i);
      } catch (e) {
        results[i].error = errText(e);
        await rm(partial(targets[i]), { recursive: true, force: true }).catch(() => undefined);
      }
    }
    try {
      await finish(primary);
    } catch (e) {
      results[primary].error = errText(e);
    }
    return { manifest, manifestSha256, targets: results };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.query('ROLLBACK');
      await client.query(`SELECT pg_advisory_unlock($1)`, [BACKUP_LOCK_KEY]);
    } finally {
      await client.end();
    }
  }
}

/** Streams one table through a server-side cursor into a gzip'd NDJSON file; returns the number of rows. */
async function dumpTable(client: Client, table: string, primaryKey: string[], path: string): Promise<number> {
  const order = primaryKey.length ? `ORDER BY ${primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')}` : '';
  await client.query(`DECLARE bk_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM public.${quoteIdent(table)} t ${order}`);
  let rows = 0;
  async function* lines() {
    for (;;) {
      const r = await client.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM bk_rows`);
      if (r.rows.length === 0) return;
      rows += r.rows.length;
      // A raw line break in JSON text can only be whitespace (inside strings it is escaped), so one row stays one line.
      yield `${r.rows.map((x) => (/[\r\n]/.test(x.j) ? x.j.replace(/[\r\n]/g, ' ') : x.j)).join('\n')}\n`;
    }
  }
  // pipeline: backpressure from the disk reaches the cursor, and a write error stops the fetching.
  await pipeline(Readable.from(lines()), createGzip({ level: 6 }), createWriteStream(path));
  await client.query('CLOSE bk_rows');
  return rows;
}
