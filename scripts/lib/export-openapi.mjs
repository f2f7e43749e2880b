// Child process of scripts/openapi.mjs: builds the Nest application from apps/api/dist against a migrated
// PostgreSQL (DATABASE_URL, or an embedded server of its own under .data/openapi-pg) and writes the OpenAPI
// document to the path given as argv[2]. apps/api/dist is CommonJS: it is loaded with a require of its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'apps', 'api', 'dist');
const apiRequire = createRequire(join(ROOT, 'apps', 'api', 'package.json'));

async function main() {
  const out = resolve(process.argv[2] || join(ROOT, 'libs', 'api-client', 'openapi.json'));
  apiRequire('reflect-metadata');
  const { loadConfig } = apiRequire(join(DIST, 'platform', 'config', 'config.js'));
  const { migrate } = apiRequire(join(DIST, 'platform', 'database', 'data-source.js'));
  const { createApp, buildOpenApi } = apiRequire(join(DIST, 'platform', 'bootstrap.js'));

  const config = loadConfig({
    NODE_ENV: 'production',
    // Dummy secrets: the document does not depend on them and nothing is signed or encrypted here.
    JWT_SECRET: 'openapi-export-openapi-export-openapi-export',
    PII_KEY: '0'.repeat(64),
    DATABASE_URL: process.env.DATABASE_URL || '',
    DATA_DIR: join(ROOT, '.data', 'openapi-pg'),
    EMBEDDED_PG_PORT: process.env.OPENAPI_PG_PORT || '5438',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
  });

  let url = config.databaseUrl;
  let stopPg;
  let app;
  try {
    if (!url) {
      const { startEmbeddedPostgres } = apiRequire(join(DIST, 'platform', 'database', 'embedded.js'));
      const pg = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, 'postgres');
      stopPg = pg.stop;
      // A fresh database every time, so migrations edited during development cannot leave it inconsistent.
      const { Client } = apiRequire('pg');
      const admin = new Client({ connectionString: pg.url('postgres') });
      await admin.connect();
      await admin.query('DROP DATABASE IF EXISTS otmetka_openapi WITH (FORCE)');
      await admin.query('CREATE DATABASE otmetka_openapi');
      await admin.end();
      url = pg.url('otmetka_openapi');
    }
    // Nest connects TypeORM while the application is created, so the database must exist and be migrated.
    await migrate(url);
    app = await createApp(config, url, { logger: false });
    const document = buildOpenApi(app);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
    const paths = Object.keys(document.paths || {}).length;
    const schemas = Object.keys((document.components && document.components.schemas) || {}).length;
    console.log(
      `OpenAPI ${document.info && document.info.version}: ${paths} paths, ${schemas} schemas → ${out}`,
    );
  } finally {
    if (app) await app.close().catch(() => undefined);
    if (stopPg) await stopPg();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  },
);
