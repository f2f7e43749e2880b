#!/usr/bin/env node
// `npm run bench [-- --quick] [--schools N]` (issue 7): makes sure the generated data set exists (scripts/bench/generate.mjs:
// N schools × ~1,000 students with a whole year of journal; reused when present), starts the compiled API in production mode
// against it in its own process, and loads it from this process over 127.0.0.1 with real tokens of random parents and teachers:
// the diary week, the class journal page, a bulk lesson save, the class progress report, the school monitoring report and the
// school summary sheet (PDF). The diary week is also run against a bare baseline (scripts/bench/baseline-server.mjs: node:http +
// pg executing the same SQL) and the API/baseline throughput ratio printed. Prints a table (req/s, p50, p99, errors) and writes
// bench/results/<date>-<commit>.json. Bounded in time and count; talks only to 127.0.0.1.
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { log, prefixLines, ROOT, sleep, warn } from './lib/common.mjs';
import { benchPostgres, buildApi, datasetReady, ensureDataset } from './bench/generate.mjs';
import {
  benchToday, httpClient, load, pickClassTeachers, pickDirectors, pickJournalPages, pickLessons, pickParents, routeMissing, signInAll, startApi,
} from './bench/lib.mjs';

const QUICK = process.argv.includes('--quick');
const argOf = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const SCHOOLS_GIVEN = argOf('--schools', process.env.BENCH_SCHOOLS);
let SCHOOLS = Number(SCHOOLS_GIVEN ?? '10');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 3 : 10)) * 1000;
const LIGHT = QUICK ? [1, 16, 64] : [1, 16, 64];
const HEAVY = QUICK ? [1] : [1, 4];
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3300);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 3301);
/** Targets of issue 7 (2 cores, default data set). */
const TARGETS = {
  'diary week': { conn: 64, p99: 100, ratio: 0.5 },
  'class journal page': { p50: 50 },
  'bulk lesson save': { p50: 50 },
  'class progress report': { p50: 300 },
  'school monitoring report': { p50: 2000 },
  'school summary sheet (PDF)': { p50: 5000 },
};

async function main() {
  const startedAt = Date.now();
  await buildApi();
  const pgServer = await benchPostgres();
  let api;
  let baseline;
  const pg = (await import('pg')).default;
  let db;
  try {
    // --quick on a machine without the default data set: 2 schools (generated in ~1 minute) keep the run under 3 minutes.
    if (QUICK && SCHOOLS_GIVEN === undefined && !(await datasetReady(pgServer.adminUrl, SCHOOLS))) {
      SCHOOLS = 2;
      warn('--quick: the 10-school data set is not generated yet, measuring 2 schools (npm run bench:generate makes the default one)');
    }
    const data = await ensureDataset({ adminUrl: pgServer.adminUrl, schools: SCHOOLS });
    db = new pg.Pool({ connectionString: data.url, max: 2 });
    log(`starting the API on 127.0.0.1:${API_PORT} against ${data.dbName} (NODE_ENV=production)…`);
    api = await startApi({ url: data.url, piiKey: data.meta.piiKey, port: API_PORT });
    const results = [];
    const notes = [];
    await runScenarios(api.client, db, data, results, notes, async () => {
      baseline = await startBaseline(data.url);
      return baseline;
    });
    report(results, notes, data, startedAt);
  } finally {
    await baseline?.stop();
    await api?.stop();
    await db?.end();
    await pgServer.stop();
  }
}

async function startBaseline(url) {
  const child = spawn(process.execPath, ['scripts/bench/baseline-server.mjs'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: url, PORT: String(BASELINE_PORT) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, process.stdout, '[baseline] ');
  prefixLines(child.stderr, process.stderr, '[baseline] ');
  const client = httpClient(BASELINE_PORT);
  for (let i = 0; ; i++) {
    try {
      if ((await client.request('GET', '/health')).status === 200) break;
    } catch { /* not up yet */ }
    if (i > 100) throw new Error('the baseline server did not start');
    await sleep(200);
  }
  return { client, stop: async () => { child.kill('SIGTERM'); await sleep(300); } };
}

function mondayOf(date) {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function runScenarios(client, db, data, results, notes, startBaselineServer) {
  const today = benchToday();
  const maxConn = Math.max(...LIGHT);
  const run = async (name, conns, make, opts = {}) => {
    for (const c of conns) {
      const r = await load(name, c, make, { durationMs: DURATION_MS, ...opts });
      results.push(r);
      log(`${name} @${c}: ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}${r.errors ? ` ${JSON.stringify(r.statuses)}` : ''}`);
    }
  };
  const skip = (name, why) => {
    notes.push(`${name}: ${why}`);
    results.push({ name, skipped: why });
    warn(`${name}: ${why}`);
  };

  log('choosing random parents and teachers and signing them in…');
  const parents = await pickParents(db, maxConn);
  const pages = await pickJournalPages(db, 16, today);
  const lessons = await pickLessons(db, maxConn, today);
  const classTeachers = await pickClassTeachers(db, 16, today);
  const directors = await pickDirectors(db, 4);
  const t0 = Date.now();
  const tokens = await signInAll(client, [...parents, ...pages, ...lessons, ...classTeachers, ...directors].map((x) => x.login));
  log(`${tokens.size} accounts signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const tok = (x) => tokens.get(x.login);

  // 1. Diary week (parents), and the bare baseline with the same SQL.
  const monday = mondayOf(today);
  const diaryPath = (p) => `/api/v1/diary/students/${p.studentId}/week?date=${today}`;
  const probe = parents[0] ? await client.request('GET', diaryPath(parents[0]), { token: tok(parents[0]) }) : { status: 0 };
  if (probe.status === 200) {
    // API and baseline alternate at each connection count, so a change of the machine's load hits both alike.
    const baseline = await startBaselineServer();
    const basePath = (p) => `/week?studentId=${p.studentId}&schoolId=${p.schoolId}&from=${monday}&to=${addDays(monday, 5)}`;
    for (const c of LIGHT) {
      await run('diary week', [c], (w) => client.request('GET', diaryPath(parents[w % parents.length]), { token: tok(parents[w % parents.length]) }));
      await run('diary week baseline (node:http + pg)', [c], (w) => baseline.client.request('GET', basePath(parents[w % parents.length])));
    }
    await baseline.stop();
  } else {
    skip('diary week', `probe answered ${probe.status}`);
  }

  // 2. Class journal page (the subject's teacher; revalidation is not used: every request reads the page).
  if (pages.length) {
    const pagePath = (x) => `/api/v1/class-journal?classId=${x.classId}&subjectId=${x.subjectId}&periodId=${x.periodId}`;
    const r = await client.request('GET', pagePath(pages[0]), { token: tok(pages[0]) });
    if (r.status === 200) await run('class journal page', LIGHT, (w) => client.request('GET', pagePath(pages[w % pages.length]), { token: tok(pages[w % pages.length]) }));
    else skip('class journal page', `probe answered ${r.status} ${r.text?.slice(0, 200)}`);
  } else skip('class journal page', 'no teacher load found');

  // 3. Bulk lesson save: each connection saves its own lesson of the last two days (attendance of every student, every mark
  //    re-valued, topic), with the version it read; a 409 re-reads the lesson.
  if (lessons.length >= maxConn) {
    const state = await Promise.all(lessons.map(async (l) => {
      const r = await client.request('GET', `/api/v1/lessons/${l.lessonId}`, { token: tok(l) });
      return { l, page: r.status === 200 ? r.json : null };
    }));
    const bad = state.find((s) => !s.page);
    if (bad) {
      skip('bulk lesson save', `lesson page of ${bad.l.lessonId} did not load`);
    } else {
      const students = state.map((s) => s.page.students.length);
      notes.push(`bulk lesson save: ${Math.min(...students)}–${Math.max(...students)} students per lesson (attendance of all, every mark re-valued)`);
      const save = async (w, i) => {
        const s = state[w % state.length];
        const body = lessonSaveBody(s.page, i);
        const r = await client.request('PUT', `/api/v1/lessons/${s.l.lessonId}`, { token: tok(s.l), body });
        if (r.status === 200) s.page = r.json;
        else if (r.status === 409) s.page = (await client.request('GET', `/api/v1/lessons/${s.l.lessonId}`, { token: tok(s.l) })).json ?? s.page;
        else if (!s.reported) {
          s.reported = true;
          warn(`lesson save ${s.l.lessonId}: ${r.status} ${r.text?.slice(0, 300)}`);
        }
        return r;
      };
      await run('bulk lesson save', LIGHT, save);
    }
  } else skip('bulk lesson save', `only ${lessons.length} held lessons in the edit window of ${today} (the data set covers 2026-09-01…2027-05-26; set BENCH_TODAY)`);

  // 4. Class progress report (the class teacher).
  if (classTeachers.length) {
    const path = (x) => `/api/v1/reports/class-progress?classId=${x.classId}&periodId=${x.periodId}`;
    const r = await client.request('GET', path(classTeachers[0]), { token: tok(classTeachers[0]) });
    if (r.status === 200) await run('class progress report', LIGHT, (w) => client.request('GET', path(classTeachers[w % classTeachers.length]), { token: tok(classTeachers[w % classTeachers.length]) }));
    else skip('class progress report', `probe answered ${r.status} ${r.text?.slice(0, 200)}`);
  }

  // 5. School monitoring report and 6. school summary sheet (director of the school): skipped while the endpoints do not exist.
  const yearStart = '2026-09-01';
  const heavy = [
    ['school monitoring report', (d) => `/api/v1/monitoring/journal?schoolId=${d.schoolId}&from=${yearStart}&to=${today}`, false],
    ['school summary sheet (PDF)', (d) => `/api/v1/archive/summary-sheet?schoolId=${d.schoolId}&yearId=${d.yearId}&format=pdf`, true],
  ];
  for (const [name, path, raw] of heavy) {
    if (!directors.length) {
      skip(name, 'no director account');
      continue;
    }
    const r = await client.request('GET', path(directors[0]), { token: tok(directors[0]), raw });
    if (routeMissing(r) || (raw && r.status === 404 && !r.headers['content-type']?.includes('pdf') && r.bytes < 400)) {
      const again = raw ? await client.request('GET', path(directors[0]), { token: tok(directors[0]) }) : r;
      if (routeMissing(again)) {
        skip(name, 'n/a (endpoint missing)');
        continue;
      }
    }
    if (r.status !== 200) {
      skip(name, `probe answered ${r.status}`);
      continue;
    }
    await run(name, HEAVY, (w) => client.request('GET', path(directors[w % directors.length]), { token: tok(directors[w % directors.length]), raw }),
      { maxRequests: QUICK ? 4 : 40 });
  }
}

/** The body of a bulk save of a lesson page: topic, held, the attendance of every student, every existing mark re-valued. */
function lessonSaveBody(page, i) {
  const values = ['5', '4', '3'];
  return {
    version: page.version,
    topic: page.topic ?? page.suggestedTopic ?? 'Повторение',
    held: true,
    attendance: page.students.map((s, k) => ({ studentId: s.studentId, code: (k + i) % 11 === 0 ? 'Н' : null })),
    marks: {
      upsert: page.students.flatMap((s) => s.marks.filter((m) => m.editable && values.includes(m.value)).map((m, k) => ({
        id: m.id, studentId: s.studentId, value: values[(i + k) % 3], workType: m.workType,
      }))),
    },
  };
}

function report(results, notes, data, startedAt) {
  const pad = (s, n) => String(s).padEnd(n);
  const lines = [];
  lines.push(pad('scenario', 40) + pad('conn', 6) + pad('req/s', 9) + pad('p50 ms', 10) + pad('p99 ms', 10) + 'errors');
  for (const r of results) {
    if (r.skipped) lines.push(pad(r.name, 40) + r.skipped);
    else lines.push(pad(r.name, 40) + pad(r.concurrency, 6) + pad(r.rps, 9) + pad(r.p50, 10) + pad(r.p99, 10) + r.errors);
  }
  const ratios = [];
  for (const c of LIGHT) {
    const a = results.find((r) => r.name === 'diary week' && r.concurrency === c);
    const b = results.find((r) => r.name.startsWith('diary week baseline') && r.concurrency === c);
    if (a && b && b.rps > 0) ratios.push({ concurrency: c, api: a.rps, baseline: b.rps, ratio: Math.round((a.rps / b.rps) * 100) / 100 });
  }
  for (const x of ratios) lines.push(`diary week API/baseline throughput @${x.concurrency}: ${x.api} / ${x.baseline} = ${Math.round(x.ratio * 100)} %`);
  const verdicts = targetVerdicts(results, ratios);
  lines.push('', 'targets (issue 7):', ...verdicts.map((v) => `  ${v.met === null ? 'n/a ' : v.met ? 'met ' : 'MISS'} ${v.text}`));
  if (notes.length) lines.push('', 'notes:', ...notes.map((n) => `  ${n}`));
  console.log(`\n${lines.join('\n')}`);
  let commit = 'unknown';
  try { commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { /* not a git checkout */ }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${commit}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({
    commit, date: new Date().toISOString(), command: `npm run bench --${QUICK ? ' --quick' : ''} --schools ${SCHOOLS}`, quick: QUICK,
    durationMs: DURATION_MS, cores: cpus().length, loadAverage: loadavg(), today: benchToday(), dataSet: { database: data.dbName, ...data.meta, piiKey: undefined },
    totalSeconds: Math.round((Date.now() - startedAt) / 1000), results, ratios, targets: verdicts, notes,
  }, null, 2)}\n`);
  log(`results written to ${file} (whole run ${Math.round((Date.now() - startedAt) / 1000)} s)`);
}

function targetVerdicts(results, ratios) {
  const find = (name, c) => results.filter((r) => r.name === name && !r.skipped && (c === undefined || r.concurrency === c));
  const out = [];
  const diary = find('diary week', TARGETS['diary week'].conn)[0];
  const ratio = ratios.find((x) => x.concurrency === TARGETS['diary week'].conn);
  out.push({ text: `diary week @64: API/baseline ≥ 50 % (got ${ratio ? `${Math.round(ratio.ratio * 100)} %` : '—'})`, met: ratio ? ratio.ratio >= 0.5 : null });
  out.push({ text: `diary week @64: p99 ≤ 100 ms (got ${diary ? `${diary.p99} ms` : '—'})`, met: diary ? diary.p99 <= 100 : null });
  for (const [name, t] of Object.entries(TARGETS)) {
    if (name === 'diary week') continue;
    const one = find(name, 1)[0];
    out.push({ text: `${name} @1: p50 ≤ ${t.p50} ms (got ${one ? `${one.p50} ms` : '—'})`, met: one ? one.p50 <= t.p50 : null });
  }
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
