import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 7: indexes found by the benchmarks (npm run bench, auto_explain on the generated data set of 10 schools; docs/scaling.md).
 * Every authenticated request loads the caller's memberships (platform/auth/principal.loader.ts) by person: students and
 * guardians were only indexed by (school_id, person_id), so the lookup by person alone scanned the whole table (guardians) or
 * the whole unique index (students) — a cost that grew with the number of schools on the server.
 */
export class Scale1765400000000 implements MigrationInterface {
  name = 'Scale1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE INDEX IF NOT EXISTS students_person_idx ON students (person_id);
CREATE INDEX IF NOT EXISTS guardians_person_idx ON guardians (person_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS guardians_person_idx; DROP INDEX IF EXISTS students_person_idx;`);
  }
}
