import { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** TypeORM options for a database URL. Schema changes go through migrations only (never synchronize). */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // Failed queries surface as errors: the problem filter logs the unexpected ones (500) with the request id.
    logging: false,
    extra: { max: poolSize, application_name: 'otmetka-api' },
  };
}

export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
