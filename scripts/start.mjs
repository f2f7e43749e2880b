#!/usr/bin/env node
// `npm start`: builds what is stale, starts the API (embedded PostgreSQL unless DATABASE_URL is set) and serves
// both SPAs with /api proxied to it. Ctrl-C stops everything. See README.md ("Running") and .env.example.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join, relative, sep } from 'node:path';
import {
  build,
  formatDemoLogins,
  IS_WIN,
  log,
  paint,
  prefixLines,
  resolveEnv,
  ROOT,
  sleep,
  warn,
} from './lib/common.mjs';
import { serveSpa } from './serve-spa.mjs';

const env = resolveEnv();
const HEALTH_TIMEOUT_MS = Number(env.START_TIMEOUT_SECONDS || 900) * 1000;
const apiPort = Number(env.PORT || 3000);
const journalPort = Number(env.JOURNAL_PORT || 5173);
const diaryPort = Number(env.DIARY_PORT || 5174);
env.PORT = String(apiPort);
if (!env.CORS_ORIGINS) {
  env.CORS_ORIGINS = [journalPort, diaryPort]
    .flatMap((p) => [`http://localhost:${p}`, `http://127.0.0.1:${p}`])
    .join(',');
}
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const displayPath = (p) => (p.startsWith(ROOT + sep) ? relative(ROOT, p) : p);

let api; // the API child process
let apiExited = null; // its exit code once it has exited
const servers = [];
let stopping = false;

function portInUse(port) {
  return new Promise((ok) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      ok(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      ok(false);
    });
    socket.once('error', () => ok(false));
  });
}

function startApi() {
  api = spawn(process.execPath, ['--enable-source-maps', 'apps/api/dist/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only this script, which then asks the API to stop; the API in turn
    // stops its embedded PostgreSQL (a terminal SIGINT to the whole group would race the API's own shutdown).
    detached: !IS_WIN,
  });
  const prefix = paint('35', '[api]');
  prefixLines(api.stdout, process.stdout, prefix);
  prefixLines(api.stderr, process.stderr, prefix);
  api.on('exit', (code, signal) => {
    apiExited = code ?? (signal ? 128 : 1);
    if (!stopping) {
      console.error(`${paint('31', '[otmetka]')} the API exited (${signal ?? `code ${code}`}); stopping.`);
      void shutdown(apiExited || 1);
    }
  });
}

async function waitForHealth() {
  const started = Date.now();
  let lastNote = started;
  for (;;) {
    if (apiExited !== null) throw new Error(`the API exited with code ${apiExited} before becoming healthy`);
    try {
      const res = await fetch(`${apiOrigin}/api/v1/health`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return;
    } catch {}
    if (Date.now() - started > HEALTH_TIMEOUT_MS)
      throw new Error(
        `the API did not answer ${apiOrigin}/api/v1/health within ${HEALTH_TIMEOUT_MS / 1000} s`,
      );
    if (Date.now() - lastNote > 20_000) {
      lastNote = Date.now();
      log(
        `waiting for the API (${Math.round((Date.now() - started) / 1000)} s; the first start migrates and seeds the demo school)…`,
      );
    }
    await sleep(400);
  }
}

async function stopApi() {
  if (!api || apiExited !== null) return;
  const exited = new Promise((ok) => api.once('exit', ok));
  try {
    api.kill('SIGTERM');
  } catch {}
  const timeout = sleep(30_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    warn('the API did not stop within 30 s; killing it and its PostgreSQL');
    try {
      process.kill(IS_WIN ? api.pid : -api.pid, 'SIGKILL');
    } catch {}
  }
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
  await stopApi();
  log('stopped.');
  process.exit(code);
}

let firstSignalAt = 0;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) {
      // Under `npm start` one Ctrl-C arrives twice (from the terminal and forwarded by npm): only a second
      // Ctrl-C pressed later means "do not wait any longer".
      if (Date.now() - firstSignalAt < 1500) return;
      warn('stopping at once');
      if (api && apiExited === null)
        try {
          process.kill(IS_WIN ? api.pid : -api.pid, 'SIGKILL');
        } catch {}
      process.exit(130);
    }
    firstSignalAt = Date.now();
    log(`${sig}: stopping…`);
    void shutdown(0);
  });
}
process.on('exit', () => {
  if (api && apiExited === null)
    try {
      api.kill('SIGTERM');
    } catch {}
});

async function main() {
  for (const [name, port] of [
    ['API (PORT)', apiPort],
    ['journal (JOURNAL_PORT)', journalPort],
    ['diary (DIARY_PORT)', diaryPort],
  ]) {
    if (await portInUse(port))
      throw new Error(`port ${port} for the ${name} is already in use (is another \`npm start\` running?)`);
  }
  await build('contracts');
  await build('api');

  const db = env.DATABASE_URL
    ? `external PostgreSQL (DATABASE_URL)`
    : `embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT || 5433}, data in ${displayPath(join(env.DATA_DIR, 'postgres'))}`;
  log(`starting the API on :${apiPort} with ${db}`);
  startApi();

  // The SPAs build while the API migrates and seeds.
  const spas = [];
  for (const [name, dir, port] of [
    ['journal', 'apps/journal', journalPort],
    ['diary', 'apps/diary', diaryPort],
  ]) {
    const state = await build(name);
    if (state !== 'missing' && existsSync(join(ROOT, dir, 'dist', 'index.html')))
      spas.push({ name, dir, port });
  }
  await waitForHealth();
  for (const spa of spas) {
    servers.push(
      await serveSpa({
        root: join(ROOT, spa.dir, 'dist'),
        port: spa.port,
        host: env.SPA_HOST || undefined,
        apiTarget: apiOrigin,
      }),
    );
  }

  const url = (p) => `http://localhost:${p}`;
  const rows = [
    ...spas.map((s) => [s.name === 'journal' ? 'Journal (staff)' : 'Diary (families)', url(s.port)]),
    ['API', `${url(apiPort)}/api/v1`],
    ['Swagger UI', `${url(apiPort)}/api/docs`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  let banner = `\n${paint('1;32', 'Otmetka is running')}\n`;
  banner += rows.map(([k, v]) => `  ${(k + ':').padEnd(width)}${paint('1', v)}`).join('\n') + '\n';
  banner += `  ${'Database:'.padEnd(width)}${db}\n`;
  for (const name of ['journal', 'diary']) {
    if (!spas.some((s) => s.name === name))
      banner += `  ${paint('33', `(apps/${name} is not built: no SPA served)`)}\n`;
  }
  const logins = formatDemoLogins();
  if (logins) banner += `\n${logins}`;
  banner += `\nPress Ctrl-C to stop.\n`;
  console.log(banner);
}

main().catch((e) => {
  console.error(`${paint('31', '[otmetka]')} ${e.message}`);
  void shutdown(1);
});
