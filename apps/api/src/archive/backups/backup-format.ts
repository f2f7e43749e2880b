import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';

/**
 * R-ARC-05: the on-disk format of one backup copy. A copy is a directory holding one gzip'd NDJSON file per table of the
 * `public` schema (one `row_to_json` line per row, ordered by primary key), `manifest.json` and `manifest.sha256`
 * (`<sha256 of manifest.json>  manifest.json`, the sha256sum format). Each target holds a complete copy with its own manifest.
 */
export const BACKUP_FORMAT = 'otmetka-backup/1';
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_CHECKSUM_FILE = 'manifest.sha256';
/** Tables never dumped: the migration bookkeeping is recorded as `migrations` and rebuilt by running the migrations. */
export const SKIPPED_TABLES = ['typeorm_migrations'];

export interface ManifestTable {
  name: string;
  columns: string[];
  primaryKey: string[];
  rows: number;
  file: string;
  sha256: string;
  bytes: number;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  name: string;
  createdAt: string;
  snapshotAt: string;
  serverVersion: string;
  /** Applied migrations (schema version), oldest first. */
  migrations: string[];
  /** In load order: a table comes after every table it references. */
  tables: ManifestTable[];
  totals: { tables: number; rows: number; bytes: number };
}

export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Base tables of `public` (never the pg-boss schema) in foreign-key order; self-references are loaded in one statement. */
export async function listTables(client: Client): Promise<TableInfo[]> {
  const tables = (await client.query<{ name: string; columns: string[]; pk: string[] | null }>(
    `SELECT c.relname AS name,
            ARRAY(SELECT a.attname::text FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                   ORDER BY a.attnum) AS columns,
            ARRAY(SELECT a.attname::text FROM pg_index i JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
                   WHERE i.indrelid = c.oid AND i.indisprimary ORDER BY k.ord) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  )).rows.filter((t) => !SKIPPED_TABLES.includes(t.name));
  const edges = (await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint f JOIN pg_class ch ON ch.oid = f.conrelid JOIN pg_class pa ON pa.oid = f.confrelid
       JOIN pg_namespace n ON n.oid = ch.relnamespace
      WHERE f.contype = 'f' AND n.nspname = 'public' AND f.conrelid <> f.confrelid`,
  )).rows;
  const names = new Set(tables.map((t) => t.name));
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) if (names.has(e.child) && names.has(e.parent)) parents.get(e.child)!.add(e.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  // Kahn's algorithm, alphabetical among the ready ones so the order is stable.
  while (done.size < names.size) {
    const ready = [...names].filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p))).sort();
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among: ${[...names].filter((n) => !done.has(n)).join(', ')}`);
    for (const n of ready) {
      done.add(n);
      ordered.push(n);
    }
  }
  const byName = new Map(tables.map((t) => [t.name, t]));
  return ordered.map((n) => {
    const t = byName.get(n)!;
    return { name: t.name, columns: t.columns, primaryKey: t.pk ?? [] };
  });
}

/** Applied migrations of a database, oldest first. */
export async function appliedMigrations(client: Client): Promise<string[]> {
  const exists = await client.query(`SELECT to_regclass('public.typeorm_migrations') IS NOT NULL AS e`);
  if (!exists.rows[0].e) return [];
  return (await client.query<{ name: string }>(`SELECT name FROM typeorm_migrations ORDER BY timestamp, id`)).rows.map((r) => r.name);
}

export interface CopyProblem {
  file: string;
  problem: 'missing' | 'altered' | 'unreadable';
  detail: string;
}

export interface CopyVerification {
  ok: boolean;
  manifest: BackupManifest | null;
  manifestSha256: string | null;
  files: number;
  problems: CopyProblem[];
}

/**
 * Re-reads one copy and checks it against its own manifest: the manifest against `manifest.sha256` (and against the
 * checksum recorded in the database when given), then every table file's size and SHA-256.
 */
export async function verifyCopy(dir: string, expectedManifestSha256?: string | null): Promise<CopyVerification> {
  const problems: CopyProblem[] = [];
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, MANIFEST_FILE));
  } catch (e) {
    return { ok: false, manifest: null, manifestSha256: null, files: 0, problems: [{ file: MANIFEST_FILE, problem: 'missing', detail: errText(e) }] };
  }
  const actual = sha256(raw);
  let recorded: string | null = null;
  try {
    recorded = (await readFile(join(dir, MANIFEST_CHECKSUM_FILE), 'utf8')).trim().split(/\s+/)[0] ?? null;
  } catch (e) {
    problems.push({ file: MANIFEST_CHECKSUM_FILE, problem: 'missing', detail: errText(e) });
  }
  if (recorded !== null && recorded !== actual) {
    problems.push({ file: MANIFEST_FILE, problem: 'altered', detail: `sha256 ${actual}, ${MANIFEST_CHECKSUM_FILE} says ${recorded}` });
  } else if (expectedManifestSha256 && expectedManifestSha256 !== actual) {
    problems.push({ file: MANIFEST_FILE, problem: 'altered', detail: `sha256 ${actual}, the backup register says ${expectedManifestSha256}` });
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.tables)) throw new Error(`not a ${BACKUP_FORMAT} manifest`);
  } catch (e) {
    problems.push({ file: MANIFEST_FILE, problem: 'unreadable', detail: errText(e) });
    return { ok: false, manifest: null, manifestSha256: actual, files: 0, problems };
  }
  for (const t of manifest.tables) {
    if (!/^[\w.-]+$/.test(t.file)) {
      problems.push({ file: String(t.file), problem: 'unreadable', detail: 'bad file name in the manifest' });
      continue;
    }
    try {
      const st = await stat(join(dir, t.file));
      if (!st.isFile()) throw new Error('not a file');
    } catch (e) {
      problems.push({ file: t.file, problem: 'missing', detail: errText(e) });
      continue;
    }
    const got = await sha256File(join(dir, t.file));
    if (got.bytes !== t.bytes || got.sha256 !== t.sha256) {
      problems.push({ file: t.file, problem: 'altered', detail: `size ${got.bytes} (manifest ${t.bytes}), sha256 ${got.sha256} (manifest ${t.sha256})` });
    }
  }
  return { ok: problems.length === 0, manifest, manifestSha256: actual, files: manifest.tables.length, problems };
}

export const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
