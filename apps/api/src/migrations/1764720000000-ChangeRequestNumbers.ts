import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-JRN-06: change requests are registered per school and academic year ("ИЗ-2026/0001", 003 §4 "Документ регистрируется").
 * A counter row per (school, year) hands out numbers: its row lock serialises concurrent filings, so numbers are distinct and gapless.
 * The number restarts each year, so uniqueness moves from (school, number) to (school, registration number).
 */
export class ChangeRequestNumbers1764720000000 implements MigrationInterface {
  name = 'ChangeRequestNumbers1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE change_request_counters (
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  last_number int NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (school_id, academic_year_id)
);
ALTER TABLE change_requests DROP CONSTRAINT change_requests_school_id_number_key;
ALTER TABLE change_requests ADD CONSTRAINT change_requests_registration_uq UNIQUE (school_id, registration_number);
CREATE INDEX change_requests_period_idx ON change_requests (school_id, period_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX change_requests_period_idx;
      ALTER TABLE change_requests DROP CONSTRAINT change_requests_registration_uq;
      ALTER TABLE change_requests ADD CONSTRAINT change_requests_school_id_number_key UNIQUE (school_id, number);
      DROP TABLE change_request_counters;`);
  }
}
