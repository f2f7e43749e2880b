import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOpenApi } from '../apps/api/src/platform/bootstrap';
import { createTestApp, type TestApp } from '../apps/api/test/support/test-app';

const ROOT = resolve(__dirname, '..');
const CLIENT = join(ROOT, 'libs', 'api-client');
const HINT =
  'libs/api-client is stale: run `npm run openapi` and commit libs/api-client/openapi.json and src/schema.d.ts';

/**
 * The committed OpenAPI document and the client generated from it must match the API as it is now
 * (the same document `npm run openapi` writes: JSON.stringify(document, null, 2) + newline).
 */
describe('generated API client (libs/api-client)', () => {
  let t: TestApp;
  let fresh: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    fresh = `${JSON.stringify(buildOpenApi(t.app), null, 2)}\n`;
    dir = mkdtempSync(join(tmpdir(), 'otmetka-openapi-spec-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('openapi.json matches the API', () => {
    const committed = readFileSync(join(CLIENT, 'openapi.json'), 'utf8');
    expect(committed === fresh, HINT).toBe(true);
  });

  it('src/schema.d.ts matches what openapi-typescript generates from it', () => {
    const json = join(dir, 'openapi.json');
    const out = join(dir, 'schema.d.ts');
    writeFileSync(json, fresh);
    const cli = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, json, '-o', out], { stdio: 'pipe' });
    const committed = readFileSync(join(CLIENT, 'src', 'schema.d.ts'), 'utf8');
    expect(committed === readFileSync(out, 'utf8'), HINT).toBe(true);
  });
});
