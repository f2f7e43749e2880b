import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-ARC-05, R-ARC-06: backups on two storage targets and integrity reports. */
export class Backups1765200000000 implements MigrationInterface {
  name = 'Backups1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- R-ARC-05: one logical backup of the whole database, written to two independent targets ("two media in different rooms").
-- targets: [{key, path, status: ok|failed, manifestSha256, error, lastCheck: {at, ok, reportId, problems}}]
CREATE TABLE backups (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  trigger text NOT NULL CHECK (trigger IN ('manual','scheduled')),
  status text NOT NULL CHECK (status IN ('running','done','partial','failed')),
  requested_by uuid REFERENCES users(id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  snapshot_at timestamptz,
  table_count int,
  row_count bigint,
  byte_count bigint,
  manifest_sha256 text,
  migrations text[] NOT NULL DEFAULT '{}',
  targets jsonb NOT NULL DEFAULT '[]',
  error text
);
CREATE INDEX backups_started_idx ON backups (started_at DESC);

-- R-ARC-06, R-AUD-02: periodic re-verification of archive items, backup copies and audit chains.
-- findings: [{kind, schoolId, subject, target, file, problem, detail}]
CREATE TABLE integrity_reports (
  id uuid PRIMARY KEY,
  trigger text NOT NULL CHECK (trigger IN ('manual','scheduled')),
  status text NOT NULL CHECK (status IN ('running','ok','problems','failed')),
  requested_by uuid REFERENCES users(id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  checked jsonb NOT NULL DEFAULT '{}',
  findings jsonb NOT NULL DEFAULT '[]',
  error text
);
CREATE INDEX integrity_reports_started_idx ON integrity_reports (started_at DESC);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE integrity_reports; DROP TABLE backups;`);
  }
}
