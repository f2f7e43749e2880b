#!/usr/bin/env node
// `npm run openapi`: exports the API's OpenAPI document to libs/api-client/openapi.json and regenerates the
// typed client schema (libs/api-client/src/schema.d.ts) with openapi-typescript.
// Builds libs/contracts and the API first when they are stale. Uses DATABASE_URL when set, otherwise a
// throw-away embedded PostgreSQL under .data/openapi-pg on port OPENAPI_PG_PORT (default 5438).
// `--check`: regenerate into a temporary folder and fail when the committed files differ (for CI).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, log, ROOT, run, runOrThrow, warn } from './lib/common.mjs';

const check = process.argv.includes('--check');
const CLIENT = join(ROOT, 'libs', 'api-client');
const target = check ? mkdtempSync(join(tmpdir(), 'otmetka-openapi-')) : CLIENT;
const jsonOut = join(target, 'openapi.json');
const schemaOut = join(target, 'src', 'schema.d.ts');

async function main() {
  await build('contracts');
  await build('api');
  await runOrThrow(process.execPath, [join(ROOT, 'scripts', 'lib', 'export-openapi.mjs'), jsonOut]);
  await runOrThrow('npx', ['--no', 'openapi-typescript', jsonOut, '-o', schemaOut]);
  if (!check) {
    log(`wrote ${relative(ROOT, jsonOut)} and ${relative(ROOT, schemaOut)}`);
    return 0;
  }
  let stale = 0;
  for (const [fresh, committed] of [
    [jsonOut, join(CLIENT, 'openapi.json')],
    [schemaOut, join(CLIENT, 'src', 'schema.d.ts')],
  ]) {
    if (!existsSync(committed) || readFileSync(committed, 'utf8') !== readFileSync(fresh, 'utf8')) {
      warn(`${relative(ROOT, committed)} is stale: run \`npm run openapi\` and commit the result`);
      stale += 1;
      await run('git', ['--no-pager', 'diff', '--no-index', '--stat', committed, fresh]);
    }
  }
  if (!stale) log('libs/api-client is up to date with the API');
  return stale ? 1 : 0;
}

main()
  .then((code) => {
    if (check) rmSync(target, { recursive: true, force: true });
    process.exit(code);
  })
  .catch((e) => {
    warn(e.message);
    if (check) rmSync(target, { recursive: true, force: true });
    process.exit(1);
  });
