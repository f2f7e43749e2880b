import { resolve } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded';
import { migrate } from '../../src/platform/database/data-source';
import { TEMPLATE_DB } from './test-env';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/**
 * Starts a real PostgreSQL for the test run (embedded under .data/test-postgres unless DATABASE_URL is set)
 * and migrates a template database; each test file clones it (CREATE DATABASE … TEMPLATE …).
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const port = Number(process.env.TEST_PG_PORT ?? 5439);
    const pg = await startEmbeddedPostgres(resolve(__dirname, '../../../../.data/test'), port, 'postgres');
    adminUrl = pg.url('postgres');
    stop = pg.stop;
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // Drop databases left behind by an interrupted earlier run.
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'otm\\_t\\_%' OR datname = $1`, [TEMPLATE_DB]);
  for (const r of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    if (stop) await stop();
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
