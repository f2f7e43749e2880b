#!/usr/bin/env node
// `npm run bench:load [-- --seconds 60] [--teachers 64] [--families 200] [--schools N]` (issue 7): load with writes.
// 64 teachers save their lessons (each its own lesson of the last two days: topic «… #<seq>», attendance of every student,
// every mark re-valued) while 200 families of the same classes read the diary week, for 60 s, against the API in production
// mode on the generated data set. Then it checks, and exits 1 when any check fails:
//   - no 5xx and no deadlock (pg_stat_database.deadlocks of the data set before and after, and the API's log);
//   - every acknowledged save is in the database: per lesson, version = version read + acknowledged saves, the topic is the
//     last acknowledged one, and the audit log holds exactly one 'lesson.save' event per acknowledged save (lost writes = 0);
//   - every diary read that started after a save was acknowledged shows that save (its topic sequence ≥ the acknowledged one).
// The saved lessons keep their new topics (the data set is a benchmark data set; the next run continues from them).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { log, ROOT, warn } from './lib/common.mjs';
import { benchPostgres, buildApi, ensureDataset } from './bench/generate.mjs';
import { benchToday, pickLessons, signInAll, startApi } from './bench/lib.mjs';

const argOf = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const SECONDS = Number(argOf('--seconds', '60'));
const TEACHERS = Number(argOf('--teachers', '64'));
const FAMILIES = Number(argOf('--families', '200'));
const SCHOOLS = Number(argOf('--schools', process.env.BENCH_SCHOOLS ?? '10'));
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3302);

async function main() {
  await buildApi();
  const pgServer = await benchPostgres();
  const pg = (await import('pg')).default;
  let api;
  let db;
  let apiLog = '';
  const origWrite = process.stderr.write.bind(process.stderr);
  try {
    const data = await ensureDataset({ adminUrl: pgServer.adminUrl, schools: SCHOOLS });
    db = new pg.Pool({ connectionString: data.url, max: 2 });
    // Keep what the API writes to stderr, to find deadlocks and 5xx it logged.
    process.stderr.write = (chunk, ...rest) => {
      if (String(chunk).startsWith('[api]')) apiLog += String(chunk);
      return origWrite(chunk, ...rest);
    };
    api = await startApi({ url: data.url, piiKey: data.meta.piiKey, port: API_PORT });
    const ok = await run(api.client, db, data);
    process.exitCode = ok && !/deadlock/i.test(apiLog) ? 0 : 1;
    if (/deadlock/i.test(apiLog)) warn('the API logged a deadlock');
  } finally {
    process.stderr.write = origWrite;
    await api?.stop();
    await db?.end();
    await pgServer.stop();
  }
}

async function run(client, db, data) {
  const today = benchToday();
  const run = randomBytes(3).toString('hex');
  const lessons = await pickLessons(db, TEACHERS, today);
  if (lessons.length < TEACHERS) throw new Error(`only ${lessons.length} held lessons in the edit window of ${today}; set BENCH_TODAY to a school day of 2026/2027`);
  const families = (await db.query(
    `SELECT u.login, gs.student_id AS "studentId", e.class_id AS "classId"
       FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id JOIN users u ON u.person_id = g.person_id
       JOIN enrolments e ON e.student_id = gs.student_id AND e.ends_on IS NULL
      WHERE e.class_id = ANY($1::uuid[]) AND u.login !~ '^(parent|grandma)(-s[0-9]+b?)?$'
      ORDER BY md5(g.id::text || gs.student_id::text) LIMIT $2`, [lessons.map((l) => l.classId), FAMILIES])).rows;
  log(`${lessons.length} teachers with their lessons of ${today} and ${families.length} families of those classes; signing in…`);
  const t0 = Date.now();
  const tokens = await signInAll(client, [...lessons, ...families].map((x) => x.login), 6);
  log(`${tokens.size} accounts signed in in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const deadlocksOf = async () => Number((await db.query(`SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`)).rows[0].deadlocks);
  const deadlocksBefore = await deadlocksOf();
  const auditBefore = Number((await db.query(`SELECT coalesce(max(id), 0) AS n FROM audit_events`)).rows[0].n);

  // Per lesson: the version read, the page, the acknowledged saves (seq of the last one and when it was acknowledged).
  const state = new Map();
  for (const l of lessons) {
    const r = await client.request('GET', `/api/v1/lessons/${l.lessonId}`, { token: tokens.get(l.login) });
    if (r.status !== 200) throw new Error(`lesson ${l.lessonId}: ${r.status}`);
    state.set(l.lessonId, { l, page: r.json, startVersion: r.json.version, acked: 0, lastSeq: 0, ackedAt: [] });
  }
  const stats = { saves: 0, saveStatuses: {}, reads: 0, readStatuses: {}, fivexx: 0, failed: 0, staleReads: 0, checkedReads: 0, saveMs: [], readMs: [] };
  const count = (o, k) => { o[k] = (o[k] ?? 0) + 1; };
  const until = Date.now() + SECONDS * 1000;
  const topicOf = (seq) => `Нагрузочный прогон ${run} #${seq}`;
  const seqOf = (topic) => {
    const m = new RegExp(`^Нагрузочный прогон ${run} #(\\d+)$`).exec(topic ?? '');
    return m ? Number(m[1]) : 0;
  };

  const writer = async (s) => {
    for (let seq = 1; Date.now() < until; seq++) {
      const values = ['5', '4', '3'];
      const body = {
        version: s.page.version, topic: topicOf(seq), held: true,
        attendance: s.page.students.map((st, k) => ({ studentId: st.studentId, code: (k + seq) % 11 === 0 ? 'Н' : null })),
        marks: { upsert: s.page.students.flatMap((st) => st.marks.filter((m) => m.editable && values.includes(m.value))
          .map((m, k) => ({ id: m.id, studentId: st.studentId, value: values[(seq + k) % 3], workType: m.workType }))) },
      };
      const started = Date.now();
      let r;
      try {
        r = await client.request('PUT', `/api/v1/lessons/${s.l.lessonId}`, { token: tokens.get(s.l.login), body });
      } catch {
        stats.failed++;
        continue;
      }
      stats.saveMs.push(Date.now() - started);
      stats.saves++;
      count(stats.saveStatuses, r.status);
      if (r.status >= 500) stats.fivexx++;
      if (r.status === 200) {
        s.page = r.json;
        s.acked++;
        s.lastSeq = seq;
        s.ackedAt.push({ seq, at: Date.now() });
      } else if (r.status === 409) {
        s.page = (await client.request('GET', `/api/v1/lessons/${s.l.lessonId}`, { token: tokens.get(s.l.login) })).json ?? s.page;
      }
    }
  };
  const byClass = new Map();
  for (const s of state.values()) byClass.set(s.l.classId, [...(byClass.get(s.l.classId) ?? []), s]);
  const reader = async (f) => {
    const watched = byClass.get(f.classId) ?? [];
    const date = watched[0]?.l.date ?? today;
    while (Date.now() < until) {
      // What had been acknowledged before this read started must be in its answer.
      const expected = watched.map((s) => ({ s, seq: s.lastSeq }));
      const started = Date.now();
      let r;
      try {
        r = await client.request('GET', `/api/v1/diary/students/${f.studentId}/week?date=${date}`, { token: tokens.get(f.login) });
      } catch {
        stats.failed++;
        continue;
      }
      stats.readMs.push(Date.now() - started);
      stats.reads++;
      count(stats.readStatuses, r.status);
      if (r.status >= 500) stats.fivexx++;
      if (r.status !== 200) continue;
      const shown = new Map();
      for (const d of r.json.days ?? []) for (const l of d.lessons ?? []) if (l.lessonId) shown.set(l.lessonId, seqOf(l.topic));
      for (const { s, seq } of expected) {
        if (!shown.has(s.l.lessonId)) continue; // a subgroup member's week may not show every lesson
        stats.checkedReads++;
        if (shown.get(s.l.lessonId) < seq) stats.staleReads++;
      }
    }
  };
  log(`loading for ${SECONDS} s: ${lessons.length} writers, ${families.length} readers…`);
  await Promise.all([...[...state.values()].map(writer), ...families.map(reader)]);

  // Verification.
  const rows = (await db.query(`SELECT id, version, topic FROM lessons WHERE id = ANY($1::uuid[])`, [[...state.keys()]])).rows;
  const audit = new Map((await db.query(
    `SELECT entity_id, count(*)::int AS n FROM audit_events WHERE id > $1 AND action = 'lesson.save' GROUP BY entity_id`, [auditBefore])).rows
    .map((r) => [r.entity_id, r.n]));
  let acked = 0;
  let lost = 0;
  let extra = 0;
  let wrongTopic = 0;
  let auditMismatch = 0;
  for (const row of rows) {
    const s = state.get(row.id);
    acked += s.acked;
    const persisted = row.version - s.startVersion;
    if (persisted < s.acked) lost += s.acked - persisted;
    if (persisted > s.acked) extra += persisted - s.acked;
    if (s.lastSeq && row.topic !== topicOf(s.lastSeq)) wrongTopic++;
    if ((audit.get(row.id) ?? 0) !== s.acked) auditMismatch++;
  }
  const deadlocks = (await deadlocksOf()) - deadlocksBefore;
  const pct = (list, p) => {
    const a = [...list].sort((x, y) => x - y);
    return a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? 0;
  };
  const summary = {
    seconds: SECONDS, writers: lessons.length, readers: families.length, dataSet: data.dbName,
    saves: stats.saves, acknowledgedSaves: acked, saveStatuses: stats.saveStatuses, saveP50: pct(stats.saveMs, 0.5), saveP99: pct(stats.saveMs, 0.99),
    reads: stats.reads, readStatuses: stats.readStatuses, readP50: pct(stats.readMs, 0.5), readP99: pct(stats.readMs, 0.99),
    fivexx: stats.fivexx, failedRequests: stats.failed, deadlocks, lostWrites: lost, unacknowledgedButPersisted: extra, wrongFinalTopic: wrongTopic,
    auditMismatch, diaryReadsChecked: stats.checkedReads, staleDiaryReads: stats.staleReads,
  };
  console.log(JSON.stringify(summary, null, 2));
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-load-with-writes.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), command: process.argv.slice(2).join(' '), cores: cpus().length,
    loadAverage: loadavg(), today, ...summary }, null, 2)}\n`);
  log(`results written to ${file}`);
  const ok = stats.fivexx === 0 && deadlocks === 0 && lost === 0 && wrongTopic === 0 && auditMismatch === 0 && stats.staleReads === 0 && acked > 0;
  log(`${ok ? 'PASS' : 'FAIL'}: ${acked} acknowledged saves, ${lost} lost writes, ${stats.fivexx} 5xx, ${deadlocks} deadlocks, `
    + `${stats.staleReads} of ${stats.checkedReads} diary reads missed an acknowledged save; ${stats.reads} diary reads `
    + `(${(stats.reads / SECONDS).toFixed(1)}/s, p50 ${summary.readP50} ms, p99 ${summary.readP99} ms), saves p50 ${summary.saveP50} ms, p99 ${summary.saveP99} ms`);
  return ok;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
