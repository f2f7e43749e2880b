import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../support/global-setup';
import { TEST_DB_PREFIX } from '../support/test-env';

/** A brand-new EMPTY database (no migrations), dropped with the run's other test databases. */
export async function createEmptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${TEST_DB_PREFIX}${inject('pgRunId')}_r${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TableSum {
  rows: number;
  md5: string;
}

/**
 * Independent of the backup code: every public table's row count and the md5 of all its rows as JSON, ordered by the primary
 * key (the migration register aside).
 */
export async function tableChecksums(url: string): Promise<Record<string, TableSum>> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ name: string; pk: string[] }>(
      `SELECT t.table_name AS name,
              ARRAY(SELECT k.column_name::text FROM information_schema.table_constraints tc
                      JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema
                     WHERE tc.table_schema = 'public' AND tc.table_name = t.table_name AND tc.constraint_type = 'PRIMARY KEY'
                     ORDER BY k.ordinal_position) AS pk
         FROM information_schema.tables t
        WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name <> 'typeorm_migrations'
        ORDER BY 1`)).rows;
    const out: Record<string, TableSum> = {};
    for (const t of tables) {
      const order = t.pk.map((k) => `t."${k}"`).join(', ');
      const r = await c.query<{ n: number; md5: string | null }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${order}), '')) AS md5 FROM public."${t.name}" t`);
      out[t.name] = { rows: r.rows[0].n, md5: r.rows[0].md5 ?? '' };
    }
    return out;
  } finally {
    await c.end();
  }
}
