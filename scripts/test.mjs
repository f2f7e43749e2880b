#!/usr/bin/env node
// `npm test`: every test against a real PostgreSQL (embedded unless DATABASE_URL is set).
// 1. builds libs/contracts; 2. vitest project `api`; 3. when browser specs exist, builds both SPAs and runs
// vitest project `web`. The two runs are sequential (each project's globalSetup creates the template database).
// Ends with one line `Tests: N passed, M failed`; exits non-zero on any failure.
// Extra arguments are passed to both vitest runs (e.g. `npm test -- roster` to filter by file name).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, log, ROOT, run, warn } from './lib/common.mjs';

const extra = process.argv.slice(2);
const outDir = mkdtempSync(join(tmpdir(), 'otmetka-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function hasBrowserSpecs(dir) {
  const walk = (d) => {
    if (!existsSync(d)) return false;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.browser-spec.ts')) return true;
    }
    return false;
  };
  return walk(join(ROOT, dir));
}

/** Runs one vitest project and adds its counts (from the JSON reporter) to the totals. */
async function vitest(project) {
  const report = join(outDir, `${project}.json`);
  const started = Date.now();
  log(`vitest project "${project}"…`);
  // With a filter (`npm test -- roster`) one project may have no matching file: that is not a failure.
  const filterArgs = extra.length ? ['--passWithNoTests', ...extra] : [];
  const code = await run('npx', [
    '--no',
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
    ...filterArgs,
  ]);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed = r.numPassedTests ?? 0;
    failed = r.numFailedTests ?? 0;
    skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A file that fails to load (syntax error, failing beforeAll) has no failed test of its own: count it once.
    for (const file of r.testResults ?? []) {
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'))
        failed += 1;
    }
  }
  if (code !== 0 && failed === 0) {
    warn(
      `vitest project "${project}" exited with code ${code}${existsSync(report) ? '' : ' without a report'}`,
    );
    failed = 1;
  }
  if (code !== 0) ok = false;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  log(
    `project "${project}": ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function main() {
  await build('contracts');
  await vitest('api');
  if (hasBrowserSpecs('apps/journal/e2e') || hasBrowserSpecs('apps/diary/e2e')) {
    let built = true;
    for (const spa of ['journal', 'diary']) {
      try {
        if ((await build(spa)) === 'missing') built = false;
      } catch (e) {
        warn(e.message);
        built = false;
      }
    }
    if (built) await vitest('web');
    else {
      warn('the SPAs could not be built: browser tests not run');
      ok = false;
      totals.failed += 1;
    }
  } else {
    log('no *.browser-spec.ts under apps/journal/e2e or apps/diary/e2e: browser tests skipped');
  }
}

main()
  .catch((e) => {
    warn(e.message);
    ok = false;
    totals.failed += 1;
  })
  .finally(() => {
    rmSync(outDir, { recursive: true, force: true });
    console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed`);
    process.exit(ok && totals.failed === 0 ? 0 : 1);
  });
