#!/usr/bin/env node
// `npm run bench [-- --quick]`: seeds the demo school into a fresh database, starts the compiled API in its own
// process and loads it from this process over loopback with real tokens of demo users, then prints a table
// (req/s, p50, p99, errors) and writes bench/results/<date>-<commit>.json so figures can be compared over time.
// Bounded in time and count; talks only to 127.0.0.1.
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, log, prefixLines, ROOT, sleep, warn } from './lib/common.mjs';

const QUICK = process.argv.includes('--quick');
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 4 : 10)) * 1000;
const CONCURRENCY = QUICK ? [1, 16] : [1, 16, 64];
const MAX_REQUESTS = 200_000;
const API_PORT = Number(process.env.BENCH_API_PORT ?? 3300);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 5437);

async function main() {
  await build('contracts');
  await build('api');
  const { startEmbeddedPostgres } = await import(pathToFileURL(join(ROOT, 'apps/api/dist/platform/database/embedded.js')).href);
  const pg = await import('pg');
  let adminUrl;
  let stopPg = async () => undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres(join(ROOT, '.data', 'bench'), PG_PORT, 'postgres');
    adminUrl = server.url('postgres');
    if (!server.reused) stopPg = server.stop;
  }
  const dbName = `otmetka_bench_${Date.now()}`;
  const admin = new pg.default.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;

  log(`starting the API on 127.0.0.1:${API_PORT} against ${dbName} (migrate + demo seed)…`);
  const api = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: u.toString(), PORT: String(API_PORT), HOST: '127.0.0.1',
      JWT_SECRET: randomBytes(32).toString('hex'), PII_KEY: randomBytes(32).toString('hex'), SEED_DEMO: 'true',
      LOG_LEVEL: 'warn', AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(api.stdout, process.stdout, '[api] ');
  prefixLines(api.stderr, process.stderr, '[api] ');
  const cleanup = async () => {
    api.kill('SIGTERM');
    await sleep(500);
    const c = new pg.default.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
    await stopPg();
  };
  try {
    await waitHealthy();
    const results = await runScenarios();
    report(results);
  } finally {
    await cleanup();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(method, path, { token, body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request({
      host: '127.0.0.1', port: API_PORT, method, path, agent,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, json, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function waitHealthy() {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      const r = await request('GET', '/api/v1/health');
      if (r.status === 200) return;
    } catch { /* not up yet */ }
    await sleep(300);
  }
  throw new Error('the API did not become healthy in time');
}

async function signIn(login, password) {
  const r = await request('POST', '/api/v1/auth/login', { body: { login, password } });
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status}`);
  return r.json.accessToken;
}

/** Runs `make()` (a request) from `concurrency` loops for the duration; returns latency figures. */
async function load(name, concurrency, make) {
  const latencies = [];
  let errors = 0;
  let count = 0;
  const until = Date.now() + DURATION_MS;
  const worker = async (w) => {
    while (Date.now() < until && count < MAX_REQUESTS) {
      count++;
      const t0 = process.hrtime.bigint();
      try {
        const r = await make(w);
        if (r.status >= 400) errors++;
      } catch {
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
  return { name, concurrency, requests: latencies.length, rps: Math.round(latencies.length / seconds), p50: q(0.5), p99: q(0.99), errors };
}

async function runScenarios() {
  const tokens = {
    teacher: await signIn('teacher', 'teacher123'),
    deputy: await signIn('deputy', 'deputy123'),
    parent: await signIn('parent', 'parent123'),
  };
  const me = await request('GET', '/api/v1/me', { token: tokens.deputy });
  const schoolId = me.json.memberships[0].schoolId;
  const classes = (await request('GET', `/api/v1/classes?schoolId=${schoolId}`, { token: tokens.deputy })).json;
  const parentMe = (await request('GET', '/api/v1/me', { token: tokens.parent })).json;
  const child = parentMe.children[0];
  const week = new Date().toISOString().slice(0, 10);
  const pick = (w) => classes[w % classes.length].id;
  const scenarios = [
    ['GET /me (auth + memberships)', (t) => request('GET', '/api/v1/me', { token: t.parent })],
    ['GET /timetable class week', (t, w) => request('GET', `/api/v1/timetable?classId=${pick(w)}&week=${week}`, { token: t.deputy })],
    ['GET /classes/{id} (class list)', (t, w) => request('GET', `/api/v1/classes/${pick(w)}`, { token: t.teacher })],
    ['GET /students?classId', (t, w) => request('GET', `/api/v1/students?schoolId=${schoolId}&classId=${pick(w)}`, { token: t.deputy })],
  ];
  if (child) {
    const probe = await request('GET', `/api/v1/diary/students/${child.studentId}/week?date=${week}`, { token: tokens.parent });
    if (probe.status === 200) {
      scenarios.push(['GET diary week (parent)', (t) => request('GET', `/api/v1/diary/students/${child.studentId}/week?date=${week}`, { token: t.parent })]);
    } else {
      warn(`diary week answered ${probe.status}: scenario skipped`);
    }
  }
  const results = [];
  for (const [name, make] of scenarios) {
    for (const c of CONCURRENCY) {
      const r = await load(name, c, (w) => make(tokens, w));
      results.push(r);
      log(`${name} @${c}: ${r.rps} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}`);
    }
  }
  return results;
}

function report(results) {
  const pad = (s, n) => String(s).padEnd(n);
  console.log('\n' + pad('scenario', 36) + pad('conn', 6) + pad('req/s', 8) + pad('p50 ms', 9) + pad('p99 ms', 9) + 'errors');
  for (const r of results) {
    console.log(pad(r.name, 36) + pad(r.concurrency, 6) + pad(r.rps, 8) + pad(r.p50.toFixed(1), 9) + pad(r.p99.toFixed(1), 9) + r.errors);
  }
  let commit = 'unknown';
  try { commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(); } catch { /* not a git checkout */ }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}-${commit}.json`);
  writeFileSync(file, JSON.stringify({ commit, quick: QUICK, durationMs: DURATION_MS, cores: cpus().length, results }, null, 2));
  log(`results written to ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
