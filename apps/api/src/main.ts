import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/config';
import { startEmbeddedPostgres } from './platform/database/embedded';
import { migrate } from './platform/database/data-source';
import { createApp } from './platform/bootstrap';
import { seedDemoIfEmpty } from './seed/demo-seed';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  let databaseUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    databaseUrl = pg.url('otmetka');
    stopEmbedded = pg.stop;
    console.log(`Embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort}, data in ${config.dataDir}/postgres`);
  }
  const applied = await migrate(databaseUrl);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  if (config.seedDemo) await seedDemoIfEmpty(databaseUrl, config);
  const app = await createApp(config, databaseUrl);
  await app.listen({ port: config.port, host: config.host });
  console.log(`API on http://localhost:${config.port}/api/v1 — Swagger UI http://localhost:${config.port}/api/docs`);
  const stop = async () => {
    await app.close();
    if (stopEmbedded) await stopEmbedded();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
