import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { migrate } from '../../platform/database/data-source';
import { appliedMigrations, type BackupManifest, listTables, quoteIdent, SKIPPED_TABLES, verifyCopy } from './backup-format';

/** The restore did not start or was rolled back; the message says why (nothing was written to the data tables). */
export class RestoreRefused extends Error {}

export interface RestoreResult {
  backup: string;
  tables: number;
  rows: number;
  migrationsApplied: string[];
  ms: number;
}

const BATCH_ROWS = 2000;

/**
 * R-ARC-05: restores one backup copy into an EMPTY database. Verifies the copy against its manifest first (a corrupted copy
 * is refused), refuses a database holding any row, runs the API migrations, then loads every table in foreign-key order in
 * ONE transaction (rows staged as json, inserted with json_populate_record), checks each table's row count against the
 * manifest and moves the sequences past the restored ids.
 */
export async function restoreBackup(dir: string, url: string, log: (msg: string) => void = () => undefined,
  opts: { manifestSha256?: string } = {}): Promise<RestoreResult> {
  const started = Date.now();
  // The checksum from the backup register (GET /archive/backups) also catches a manifest rewritten together with manifest.sha256.
  const check = await verifyCopy(dir, opts.manifestSha256);
  if (!check.ok || !check.manifest) {
    throw new RestoreRefused(`The backup copy in ${dir} is damaged, not restoring it: `
      + check.problems.map((p) => `${p.file} ${p.problem} (${p.detail})`).join('; '));
  }
  const manifest: BackupManifest = check.manifest;
  log(`copy ${manifest.name} verified: ${manifest.tables.length} files, ${manifest.totals.rows} rows, snapshot ${manifest.snapshotAt}`);
  await assertEmpty(url);
  const applied = await migrate(url);
  if (applied.length) log(`migrations applied: ${applied.length}`);
  const client = new Client({ connectionString: url, application_name: 'otmetka-restore' });
  await client.connect();
  let rows = 0;
  try {
    const known = await appliedMigrations(client);
    const unknown = manifest.migrations.filter((m) => !known.includes(m));
    if (unknown.length) throw new RestoreRefused(`The backup comes from a newer schema (migrations ${unknown.join(', ')} are unknown to this version)`);
    const tables = new Map((await listTables(client)).map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      const target = tables.get(t.name);
      if (!target) throw new RestoreRefused(`Table ${t.name} of the backup does not exist in the target database`);
      const missing = t.columns.filter((c) => !target.columns.includes(c));
      if (missing.length) throw new RestoreRefused(`Columns ${missing.join(', ')} of ${t.name} do not exist in the target database`);
    }
    await client.query('BEGIN');
    await assertEmpty(url, client);
    await client.query(`CREATE TEMP TABLE bk_stage (n bigserial PRIMARY KEY, doc json NOT NULL) ON COMMIT DROP`);
    for (const t of manifest.tables) {
      const loaded = await loadTable(client, join(dir, t.file), t.name, t.columns);
      if (loaded !== t.rows) throw new RestoreRefused(`${t.name}: ${loaded} rows loaded, the manifest lists ${t.rows}`);
      rows += loaded;
    }
    await resetSequences(client);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  const result = { backup: manifest.name, tables: manifest.tables.length, rows, migrationsApplied: applied, ms: Date.now() - started };
  log(`restored ${result.rows} rows into ${result.tables} tables in ${(result.ms / 1000).toFixed(1)} s`);
  return result;
}

/** Refuses a database whose public tables hold any row (the migration register aside). */
async function assertEmpty(url: string, inTx?: Client): Promise<void> {
  const client = inTx ?? new Client({ connectionString: url, application_name: 'otmetka-restore' });
  if (!inTx) await client.connect();
  try {
    const tables = (await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`)).rows.map((r) => r.name).filter((n) => !SKIPPED_TABLES.includes(n));
    const busy: string[] = [];
    for (const name of tables) {
      const r = await client.query(`SELECT EXISTS (SELECT 1 FROM public.${quoteIdent(name)}) AS e`);
      if (r.rows[0].e) busy.push(name);
    }
    if (busy.length) {
      throw new RestoreRefused(`The target database is not empty (rows in ${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}); restore only into an empty database`);
    }
  } finally {
    if (!inTx) await client.end();
  }
}

async function loadTable(client: Client, path: string, table: string, columns: string[]): Promise<number> {
  await client.query('TRUNCATE bk_stage');
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: string[] = [];
  let n = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.query(`INSERT INTO bk_stage (doc) SELECT unnest($1::text[])::json`, [batch]);
    n += batch.length;
    batch = [];
  };
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  if (n === 0) return 0;
  const cols = columns.map(quoteIdent).join(', ');
  const picked = columns.map((c) => `r.${quoteIdent(c)}`).join(', ');
  // One statement per table, so rows referring to rows of the same table (curriculum_plans, archive_items) load together.
  const r = await client.query(
    `INSERT INTO public.${quoteIdent(table)} (${cols}) OVERRIDING SYSTEM VALUE
     SELECT ${picked} FROM bk_stage s CROSS JOIN LATERAL json_populate_record(NULL::public.${quoteIdent(table)}, s.doc) r ORDER BY s.n`);
  return r.rowCount ?? 0;
}

/** Moves every sequence owned by a public column past the largest restored value. */
async function resetSequences(client: Client): Promise<void> {
  const seqs = (await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.oid::regclass::text AS seq, t.relname AS tbl, a.attname AS col
       FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND n.nspname = 'public'`)).rows;
  for (const s of seqs) {
    await client.query(
      `SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdent(s.col)}) FROM public.${quoteIdent(s.tbl)}), 0) + 1, false)`, [s.seq]);
  }
}
