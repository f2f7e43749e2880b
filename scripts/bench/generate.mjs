#!/usr/bin/env node
// The benchmark data set (issue 7): `npm run bench:generate [-- --schools N] [--force]`, also used by `npm run bench`.
//
// School #1 is the demo school of apps/api/src/seed (roster, curriculum, real timetable, КТП and the journal of the WHOLE
// academic year 2026/2027: lessons, topics, homework, marks with work types and weights, attendance, period marks), seeded once
// by the API's own seed code. Everything else is made by PostgreSQL with INSERT … SELECT, never row by row:
//   - every school is "doubled" (copy B): the staff, classes (1А–11Б → 1В–11Г), students, parents, timetable, КТП and journal are
//     copied once more into the same school, so a school has ~1,000 students and 44 classes of the current year;
//   - schools 2…N are copies of school 1 (copy A: everything, including the school-level calendar, subjects, rooms, plan).
// Ids are remapped deterministically: md5(old id || tag) as a version-4 uuid, the same function for a row and for every reference to it, so
// foreign keys stay consistent without mapping tables. Logins get a suffix (teacher → teacher-s3, teacher-s3b); every account
// keeps its password (one argon2 hash computed by the seed, reused). The database `otmetka_bench_s<N>` is kept and reused
// when its `bench_meta` row says it is complete and of this generator version.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build, isFresh, log, ROOT, warn } from '../lib/common.mjs';

export const GENERATOR_VERSION = 4;
/** "Today" of the seed: the day after the school year, so the journal covers the whole year. */
const SEED_NOW = '2027-05-27T06:00:00Z';

/** Class-level tables (copied for copy A and copy B), in foreign-key order. */
const PEOPLE_TABLES = ['persons', 'users', 'employments', 'classes', 'students', 'enrolments', 'movements', 'guardians', 'guardianships',
  'interested_persons', 'subgroups', 'subgroup_members', 'teacher_loads', 'timetable_entries', 'ktp_plans', 'ktp_topics', 'lessons', 'homework',
  'marks', 'attendance', 'remarks', 'period_marks', 'control_works'];
/** School-level tables (copy A only), in foreign-key order; they come before the people tables. */
const SCHOOL_TABLES = ['schools', 'academic_years', 'study_periods', 'subjects', 'rooms', 'textbooks', 'curriculum_plans', 'curriculum_plan_lines',
  'working_modes', 'bell_schedules', 'bell_slots', 'holidays', 'work_types', 'journal_settings'];
/** Copy A: the school, its people (school-level rows reference users), then the school level, then the rest. */
const COPY_A_ORDER = ['schools', 'persons', 'users', ...SCHOOL_TABLES.slice(1), ...PEOPLE_TABLES.slice(2)];
/** Columns that reference school-level rows: in copy B they keep the school's ids. */
const SCHOOL_LEVEL_COLUMNS = new Set(['school_id', 'academic_year_id', 'subject_id', 'room_id', 'period_id']);

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};

/**
 * Makes sure the data set of `schools` schools exists on the server of `adminUrl` (a URL of any database there); returns the
 * URL of the data set and its meta (piiKey the API must run with, counts, generation time).
 */
export async function ensureDataset({ adminUrl, schools = 10, force = false }) {
  const pg = (await import('pg')).default;
  const dbName = `otmetka_bench_s${schools}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rows.length > 0;
    if (exists && !force) {
      const meta = await readMeta(pg, url);
      if (meta?.complete && meta.version === GENERATOR_VERSION && meta.schools === schools) {
        log(`data set ${dbName} is present (generated ${meta.generatedAt} in ${meta.seconds} s): reused`);
        return { url, dbName, meta };
      }
      log(`data set ${dbName} is incomplete or of another generator version: regenerating`);
    }
    if (exists) await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }
  const meta = await generate(pg, url, schools);
  return { url, dbName, meta };
}

/** Whether the data set of `schools` schools is present and complete on the server of `adminUrl`. */
export async function datasetReady(adminUrl, schools) {
  const pg = (await import('pg')).default;
  const u = new URL(adminUrl);
  u.pathname = `/otmetka_bench_s${schools}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let exists;
  try {
    exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`otmetka_bench_s${schools}`])).rows.length > 0;
  } finally {
    await admin.end();
  }
  if (!exists) return false;
  const meta = await readMeta(pg, u.toString());
  return Boolean(meta?.complete && meta.version === GENERATOR_VERSION && meta.schools === schools);
}

async function readMeta(pg, url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT value FROM bench_meta WHERE key = 'meta'`);
    return r.rows[0]?.value;
  } catch {
    return undefined;
  } finally {
    await c.end();
  }
}

async function generate(pg, url, schools) {
  const started = Date.now();
  const dist = (p) => import(pathToFileURL(join(ROOT, 'apps/api/dist', p)).href);
  const { migrate } = await dist('platform/database/data-source.js');
  const { seedDemoIfEmpty } = await dist('seed/demo-seed.js');
  const { loadConfig } = await dist('platform/config/config.js');
  await migrate(url);
  const piiKey = randomBytes(32).toString('hex');
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PII_KEY: piiKey });
  log('seeding school 1 (the demo school with the journal of the whole year)…');
  await seedDemoIfEmpty(url, config, { now: new Date(SEED_NOW) });
  const seeded = Date.now();

  const c = new pg.Client({ connectionString: url, application_name: 'otmetka-bench-generate' });
  await c.connect();
  try {
    await c.query(`CREATE TABLE bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
    await c.query(`CREATE OR REPLACE FUNCTION bench_remap(id uuid, tag text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT CASE WHEN id IS NULL OR tag = '' THEN id
                     ELSE overlay(overlay(md5(id::text || tag) placing '4' from 13) placing '8' from 17)::uuid END $$`);
    const [{ id: sourceSchool }] = (await c.query(`SELECT id FROM schools`)).rows;
    await c.query(`CREATE TABLE bench_src_persons AS SELECT id FROM persons`);
    const columns = new Map();
    for (const r of (await c.query(`SELECT table_name, column_name, udt_name FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`)).rows) {
      if (!columns.has(r.table_name)) columns.set(r.table_name, []);
      columns.get(r.table_name).push({ name: r.column_name, type: r.udt_name });
    }

    /** One INSERT … SELECT copying `table`'s rows of the source school with the ids remapped. */
    const copyTable = async (table, { schoolTag, copyTag, n, copyB }) => {
      const cols = columns.get(table);
      const exprs = cols.map(({ name, type }) => {
        if (type === 'uuid') return `bench_remap(${name}, '${SCHOOL_LEVEL_COLUMNS.has(name) ? schoolTag : copyTag}')`;
        if (table === 'users' && name === 'login') return `login || '-s${n}${copyB ? 'b' : ''}'`;
        if (table === 'classes' && name === 'letter' && copyB) return `CASE letter WHEN 'А' THEN 'В' WHEN 'Б' THEN 'Г' ELSE letter || '2' END`;
        if (table === 'schools' && (name === 'name' || name === 'short_name')) return `${name} || ' (${n})'`;
        return name;
      });
      const where = table === 'persons' ? `id IN (SELECT id FROM bench_src_persons)`
        : table === 'users' ? `person_id IN (SELECT id FROM bench_src_persons)`
          : table === 'schools' ? `id = '${sourceSchool}'` : `school_id = '${sourceSchool}'`;
      const names = cols.map((x) => x.name);
      const r = await c.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${exprs.join(', ')} FROM ${table} WHERE ${where}`);
      return r.rowCount;
    };
    const copySchool = async (n, copyB) => {
      const t0 = Date.now();
      const schoolTag = n === 1 ? '' : `s${n}`;
      const copyTag = copyB ? `s${n}b` : schoolTag;
      await c.query('BEGIN');
      // Copy B of school 1 writes into school 1 itself, so it reads only the seeded rows (it runs last).
      for (const table of copyB ? PEOPLE_TABLES : COPY_A_ORDER) await copyTable(table, { schoolTag, copyTag, n, copyB });
      await c.query('COMMIT');
      log(`school ${n}${copyB ? ' (second half: classes В, Г)' : ''} copied in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    await c.query('SET synchronous_commit = off');
    // The plain (non-unique) indexes of the big journal tables are dropped during the copies and built once afterwards:
    // one sorted build is cheaper than millions of single inserts into each index. Unique indexes stay (they check the copy).
    const bulkIndexes = (await c.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class x ON x.relname = i.indexname JOIN pg_index ix ON ix.indexrelid = x.oid
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT ix.indisunique`,
      [['lessons', 'marks', 'attendance', 'homework', 'period_marks', 'ktp_topics', 'remarks', 'control_works']])).rows;
    if (schools > 1) for (const ix of bulkIndexes) await c.query(`DROP INDEX ${ix.indexname}`);
    for (let n = 2; n <= schools; n++) {
      await copySchool(n, false);
      await copySchool(n, true);
    }
    await copySchool(1, true);
    if (schools > 1) {
      const t0 = Date.now();
      await c.query(`SET maintenance_work_mem = '256MB'`);
      for (const ix of bulkIndexes) await c.query(ix.indexdef);
      log(`${bulkIndexes.length} indexes of the journal tables rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const cloned = Date.now();
    log('VACUUM ANALYZE…');
    await c.query('VACUUM ANALYZE');
    const counts = {};
    for (const t of ['schools', 'classes', 'students', 'guardians', 'users', 'lessons', 'marks', 'attendance', 'homework', 'period_marks']) {
      counts[t] = Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    }
    const [{ size }] = (await c.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows;
    const meta = {
      version: GENERATOR_VERSION, schools, complete: true, piiKey, seedNow: SEED_NOW, generatedAt: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      phases: { seedSeconds: Math.round((seeded - started) / 100) / 10, copySeconds: Math.round((cloned - seeded) / 100) / 10,
        vacuumSeconds: Math.round((Date.now() - cloned) / 100) / 10 },
      counts, size,
    };
    await c.query(`INSERT INTO bench_meta (key, value) VALUES ('meta', $1)`, [JSON.stringify(meta)]);
    log(`data set generated in ${meta.seconds} s (seed ${meta.phases.seedSeconds} s, copies ${meta.phases.copySeconds} s, `
      + `vacuum ${meta.phases.vacuumSeconds} s), ${size}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    return meta;
  } finally {
    await c.end();
  }
}

/** Where the bench's PostgreSQL is: DATABASE_URL, or the embedded server under .data/bench (started here, stop() when done). */
export async function benchPostgres(port = Number(process.env.BENCH_PG_PORT ?? 5437)) {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  const { startEmbeddedPostgres } = await import(pathToFileURL(join(ROOT, 'apps/api/dist/platform/database/embedded.js')).href);
  const server = await startEmbeddedPostgres(join(ROOT, '.data', 'bench'), port, 'postgres');
  return { adminUrl: server.url('postgres'), stop: server.reused ? async () => undefined : server.stop };
}

/**
 * Builds libs/contracts and apps/api when their sources changed. On a machine with flock(1) the build runs under
 * /tmp/otmetka-build.lock, so it never overlaps another build of the same checkout.
 */
export async function buildApi() {
  if (process.env.BENCH_NO_BUILD === '1' || (isFresh('contracts') && isFresh('api'))) {
    log('apps/api: up to date (build skipped)');
    return;
  }
  const probe = spawnSync('flock', ['--version'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    await build('contracts');
    await build('api');
    return;
  }
  log('building libs/contracts and apps/api under /tmp/otmetka-build.lock…');
  const r = spawnSync('flock', ['/tmp/otmetka-build.lock', process.execPath, '--input-type=module', '-e',
    `import { build } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/lib/common.mjs')).href)}; await build('contracts'); await build('api');`],
  { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    // tsc still emits on type errors; a checkout where someone's work in progress does not typecheck can still be measured.
    if (!existsSync(join(ROOT, 'apps/api/dist/main.js'))) throw new Error('the build of apps/api failed');
    warn('the build of apps/api reported errors: measuring the output it emitted (apps/api/dist)');
  }
}

async function main() {
  const schools = Number(arg('--schools', '10'));
  if (!Number.isInteger(schools) || schools < 1 || schools > 500) throw new Error('--schools must be an integer 1…500');
  await buildApi();
  const pgServer = await benchPostgres();
  try {
    const { dbName } = await ensureDataset({ adminUrl: pgServer.adminUrl, schools, force: process.argv.includes('--force') });
    log(`data set: database ${dbName}`);
  } finally {
    await pgServer.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
