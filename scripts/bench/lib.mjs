// Shared pieces of `npm run bench` and `npm run bench:load` (issue 7): the API as a child process in production mode against the
// generated data set, an HTTP client over loopback with keep-alive, a bounded load loop, and the choice of real accounts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { log, prefixLines, ROOT, sleep } from '../lib/common.mjs';

/** Starts apps/api/dist/main.js (NODE_ENV=production) on 127.0.0.1:port against `url`; resolves when /health answers. */
export async function startApi({ url, piiKey, port, logLevel = 'warn' }) {
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: piiKey, SEED_DEMO: 'false', LOG_LEVEL: logLevel, AUTH_RATE_LIMIT_PER_MINUTE: '100000', ACCESS_TOKEN_TTL_SECONDS: '7200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, process.stdout, '[api] ');
  prefixLines(child.stderr, process.stderr, '[api] ');
  let exited = false;
  child.on('exit', () => { exited = true; });
  const client = httpClient(port);
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (exited) throw new Error('the API exited during start-up');
    try {
      if ((await client.request('GET', '/api/v1/health')).status === 200) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('the API did not become healthy in time');
    await sleep(300);
  }
  return {
    client,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

/** A keep-alive HTTP client of 127.0.0.1:port; answers { status, json, text, headers }. */
export function httpClient(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const request = (method, path, { token, body, headers = {}, raw = false } = {}) => new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request({
      host: '127.0.0.1', port, method, path, agent,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
        ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        if (raw) {
          resolve({ status: res.statusCode, headers: res.headers, bytes: buf.length });
          return;
        }
        const text = buf.toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, json, text, headers: res.headers, bytes: buf.length });
      });
    });
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
  return { request, agent };
}

/** A 404 for the path itself (no such route), as opposed to a 404 of a record. */
export const routeMissing = (r) => r.status === 404 && /^Cannot (GET|PUT|POST|PATCH|DELETE) /.test(String(r.json?.detail ?? r.json?.message ?? r.text ?? ''));

const DEMO_PASSWORDS = Object.fromEntries(JSON.parse(readFileSync(join(ROOT, 'scripts', 'demo-logins.json'), 'utf8')).map((r) => [r.login, r.password]));
/** Every generated account keeps the password of its seeded original: a demo login's own, else the shared one. */
export const passwordOf = (login) => DEMO_PASSWORDS[login.replace(/-s\d+b?$/, '')] ?? 'demo12345';

/** Signs in many accounts with at most `parallel` logins at a time (argon2 is deliberately slow); login → access token. */
export async function signInAll(client, logins, parallel = 4) {
  const tokens = new Map();
  const queue = [...new Set(logins)];
  const worker = async () => {
    while (queue.length) {
      const login = queue.pop();
      const r = await client.request('POST', '/api/v1/auth/login', { body: { login, password: passwordOf(login) } });
      if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.text?.slice(0, 200)}`);
      tokens.set(login, r.json.accessToken);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return tokens;
}

/**
 * Runs `make(worker, iteration)` from `concurrency` loops until `durationMs` has passed (or `maxRequests` were sent);
 * figures: requests, req/s, p50, p99, errors (status ≥ 400 other than the ones `ok` accepts, or a failed request), statuses.
 */
export async function load(name, concurrency, make, { durationMs, maxRequests = 200_000, ok = () => false } = {}) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let sent = 0;
  const until = Date.now() + durationMs;
  const worker = async (w) => {
    for (let i = 0; Date.now() < until && sent < maxRequests; i++) {
      sent++;
      const t0 = process.hrtime.bigint();
      try {
        const r = await make(w, i);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 400 && !ok(r)) errors++;
      } catch (e) {
        statuses[e.code ?? 'failed'] = (statuses[e.code ?? 'failed'] ?? 0) + 1;
        errors++;
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const round = (x) => Math.round(x * 10) / 10;
  return { name, concurrency, requests: latencies.length, seconds: round(seconds), rps: round(latencies.length / seconds), p50: round(q(0.5)),
    p99: round(q(0.99)), max: round(latencies.at(-1) ?? 0), errors, statuses };
}

/** Today in Moscow (the schools' zone) as YYYY-MM-DD; BENCH_TODAY overrides it (the data set covers 2026-09-01…2027-05-26). */
export function benchToday() {
  if (process.env.BENCH_TODAY) return process.env.BENCH_TODAY;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

/** Accounts that log in with the shared password (generated people), as a SQL condition on users alias `u`. */
const GENERATED_USER = `u.login !~ '^(admin|director|deputy|teacher|parent|student|grandma|operator)(-s[0-9]+b?)?$'`;

/** Random parents with one child each (a current enrolment): [{ login, studentId, schoolId }]. */
export async function pickParents(db, count) {
  return (await db.query(
    `SELECT u.login, gs.student_id AS "studentId", g.school_id AS "schoolId"
       FROM guardians g JOIN users u ON u.person_id = g.person_id
       JOIN LATERAL (SELECT student_id FROM guardianships x WHERE x.guardian_id = g.id LIMIT 1) gs ON true
      WHERE ${GENERATED_USER} AND EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = gs.student_id AND e.ends_on IS NULL)
      ORDER BY md5(g.id::text || $2) LIMIT $1`, [count, 'parents'])).rows;
}

/** Random whole-class teacher loads with the study period containing `today` (or the last one before it). */
export async function pickJournalPages(db, count, today) {
  return (await db.query(
    `SELECT u.login, tl.class_id AS "classId", tl.subject_id AS "subjectId", p.id AS "periodId", tl.school_id AS "schoolId"
       FROM teacher_loads tl JOIN classes c ON c.id = tl.class_id JOIN academic_years y ON y.id = tl.academic_year_id AND y.status = 'open'
       JOIN users u ON u.person_id = tl.teacher_id
       JOIN LATERAL (SELECT sp.id FROM study_periods sp WHERE sp.academic_year_id = tl.academic_year_id AND c.grade BETWEEN sp.grade_from AND sp.grade_to
                      AND sp.starts_on <= $2::date ORDER BY sp.starts_on DESC LIMIT 1) p ON true
      WHERE tl.subgroup_id IS NULL AND ${GENERATED_USER}
      ORDER BY md5(tl.id::text || 'pages') LIMIT $1`, [count, today])).rows;
}

/** Random held whole-class lessons of the last two days (still editable), each of a different teacher. */
export async function pickLessons(db, count, today) {
  return (await db.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (l.teacher_id) u.login, l.id AS "lessonId", l.school_id AS "schoolId", l.class_id AS "classId", l.date::text AS date
         FROM lessons l JOIN users u ON u.person_id = l.teacher_id
        WHERE l.date BETWEEN $2::date - 2 AND $2::date AND l.subgroup_id IS NULL AND NOT l.cancelled AND l.substitute_teacher_id IS NULL AND ${GENERATED_USER}
        ORDER BY l.teacher_id, md5(l.id::text)) x
      ORDER BY md5("lessonId"::text || 'save') LIMIT $1`, [count, today])).rows;
}

/** Random classes of the open year with their class teacher's login and the period containing `today`. */
export async function pickClassTeachers(db, count, today) {
  return (await db.query(
    `SELECT u.login, c.id AS "classId", p.id AS "periodId", c.school_id AS "schoolId"
       FROM classes c JOIN academic_years y ON y.id = c.academic_year_id AND y.status = 'open' JOIN users u ON u.person_id = c.class_teacher_id
       JOIN LATERAL (SELECT sp.id FROM study_periods sp WHERE sp.academic_year_id = c.academic_year_id AND c.grade BETWEEN sp.grade_from AND sp.grade_to
                      AND sp.starts_on <= $2::date ORDER BY sp.starts_on DESC LIMIT 1) p ON true
      WHERE ${GENERATED_USER}
      ORDER BY md5(c.id::text || 'progress') LIMIT $1`, [count, today])).rows;
}

/** The directors (demo login `director` and its copies) of random schools, with the school's open year. */
export async function pickDirectors(db, count) {
  return (await db.query(
    `SELECT u.login, e.school_id AS "schoolId", y.id AS "yearId"
       FROM users u JOIN employments e ON e.person_id = u.person_id AND e.dismissed_at IS NULL
       JOIN academic_years y ON y.school_id = e.school_id AND y.status = 'open'
      WHERE u.login ~ '^director(-s[0-9]+)?$' ORDER BY md5(u.login) LIMIT $1`, [count])).rows;
}

export { log };
