#!/usr/bin/env node
// The bare baseline of `npm run bench` (issue 7): a minimal node:http + pg server answering
// GET /week?studentId=&schoolId=&from=&to= with the rows of a diary week, read by the very statements the API runs
// (loadWeekRows of apps/api/dist/diary/week/week.query.js, on a pg pool like the API's TypeORM manager) — no framework,
// no authentication, no scope check, no assembly. Started by scripts/bench.mjs as its own process on 127.0.0.1.
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { ROOT } from '../lib/common.mjs';

const port = Number(process.env.PORT);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'otmetka-bench-baseline' });
const { loadWeekRows } = await import(pathToFileURL(join(ROOT, 'apps/api/dist/diary/week/week.query.js')).href);
/** The EntityManager surface loadWeekRows uses: query(sql, params) → rows, on the pool (as DataSource.manager does). */
const manager = { query: async (sql, params) => (await pool.query(sql, params)).rows };

const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (u.pathname === '/health') {
    res.end('ok');
    return;
  }
  const q = { studentIds: [u.searchParams.get('studentId')], schoolId: u.searchParams.get('schoolId'), from: u.searchParams.get('from'),
    to: u.searchParams.get('to') };
  loadWeekRows(manager, q).then((rows) => {
    const body = JSON.stringify(rows);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }, (e) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(e?.message ?? e));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => console.log(`baseline listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
