import { resolve } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded';
import { migrate } from '../../src/platform/database/data-source';
import { TEMPLATE_PREFIX, TEST_DB_PREFIX } from './test-env';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgRunId: string;
  }
}

const STALE_AFTER_SECONDS = 3 * 3600;

/**
 * Starts a real PostgreSQL for the test run (embedded under .data/test unless DATABASE_URL is set) and migrates a
 * template database for this run; each test file clones it (CREATE DATABASE … TEMPLATE …). Runs may overlap.
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
    if (!pg.reused) stop = pg.stop;
  }
  const runId = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
  const template = `${TEMPLATE_PREFIX}${runId}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // Drop databases left behind by interrupted runs (older than a few hours), never those of a run still going.
  const now = Math.floor(Date.now() / 1000);
  const all = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'otm\\_%'`);
  for (const { datname } of all.rows as { datname: string }[]) {
    const m = /^otm_(?:tpl|t)_(\d+)_/.exec(datname);
    if (m && now - Number(m[1]) > STALE_AFTER_SECONDS) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  await migrate(withDatabase(adminUrl, template));
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgRunId', runId);
  return async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    const mine = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DB_PREFIX}${runId}%`]);
    for (const { datname } of mine.rows as { datname: string }[]) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    // Stop the server we started only when no other run is using it.
    const others = await c.query(`SELECT 1 FROM pg_database WHERE datname LIKE 'otm\\_tpl\\_%'`);
    await c.end();
    if (stop && others.rowCount === 0) await stop();
  };
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
