#!/usr/bin/env node
// `npm run restore -- <backup-dir> --database-url postgres://…` (R-ARC-05): restores one backup copy into an EMPTY database.
// Verifies the copy against its manifest (a damaged copy is refused), refuses a database that holds any row, runs the API
// migrations, then loads every table in foreign-key order in one transaction and resets the sequences.
// `--manifest-sha256 <hex>` also checks manifest.json against the checksum in the backup register; `--verify-only` checks the copy and exits. `--no-build` uses apps/api/dist as it is. Exit codes: 0 done, 2 refused, 1 error.
// The logic lives in apps/api/src/archive/backups/restore.ts (compiled to apps/api/dist, built here when stale).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, log, ROOT, warn } from './lib/common.mjs';

const USAGE = 'usage: node scripts/restore.mjs <backup-dir> [--database-url postgres://…] [--manifest-sha256 <hex>] [--verify-only] [--no-build]\n'
  + '  <backup-dir> is one copy, e.g. .data/backups/b/otmetka-20261206T023000Z-3f9c1a; DATABASE_URL is used when --database-url is absent.\n'
  + '  --manifest-sha256: the checksum from the backup register, checked against the copy\'s manifest.json.';

function parseArgs(argv) {
  const out = { dir: null, url: process.env.DATABASE_URL || null, verifyOnly: false, build: true, manifestSha256: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--database-url') out.url = argv[++i] ?? null;
    else if (a.startsWith('--database-url=')) out.url = a.slice('--database-url='.length);
    else if (a === '--manifest-sha256') out.manifestSha256 = argv[++i];
    else if (a === '--verify-only') out.verifyOnly = true;
    else if (a === '--no-build') out.build = false;
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (!a.startsWith('--') && !out.dir) out.dir = resolve(a);
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (!out.dir) throw new Error(USAGE);
  if (!out.verifyOnly && !/^postgres(ql)?:\/\//.test(out.url ?? '')) throw new Error(`--database-url postgres://… is required\n${USAGE}`);
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.dir, 'manifest.json'))) throw new Error(`${args.dir} is not a backup copy (no manifest.json)`);
  if (args.build) {
    await build('contracts');
    await build('api');
  }
  const dist = (p) => pathToFileURL(join(ROOT, 'apps/api/dist', p)).href;
  const { verifyCopy } = await import(dist('archive/backups/backup-format.js'));
  if (args.verifyOnly) {
    const v = await verifyCopy(args.dir, args.manifestSha256);
    if (v.ok) log(`${args.dir}: OK, ${v.files} files match the manifest (sha256 ${v.manifestSha256})`);
    for (const p of v.problems) warn(`${p.file}: ${p.problem} — ${p.detail}`);
    process.exit(v.ok ? 0 : 2);
  }
  await import('reflect-metadata');
  const { restoreBackup, RestoreRefused } = await import(dist('archive/backups/restore.js'));
  const safeUrl = args.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  log(`restoring ${args.dir} into ${safeUrl}`);
  try {
    const r = await restoreBackup(args.dir, args.url, (m) => log(m), { manifestSha256: args.manifestSha256 });
    log(`done: ${r.backup}, ${r.tables} tables, ${r.rows} rows in ${(r.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    if (e instanceof RestoreRefused) {
      warn(`refused: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
