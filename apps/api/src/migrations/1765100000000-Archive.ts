import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R-ARC-01 … R-ARC-04, R-ARC-07: year closing, archive items (journal packages, summary sheets, printouts, disposal acts)
 * written once under a content address, with their manifest of SHA-256 checksums and a retention date.
 */
export class Archive1765100000000 implements MigrationInterface {
  name = 'Archive1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE archive_items (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  kind text NOT NULL CHECK (kind IN ('journal_package','summary_sheet','journal_printout','disposal_act')),
  academic_year_id uuid REFERENCES academic_years(id),
  class_id uuid REFERENCES classes(id),
  subject_id uuid REFERENCES subjects(id),
  title text NOT NULL,
  -- Files live in the file storage under storage_prefix/<name>; the manifest lists [{name, sha256, size, contentType}].
  storage_prefix text NOT NULL,
  manifest jsonb NOT NULL,
  -- SHA-256 of the canonical manifest: the item's content address.
  manifest_sha256 text NOT NULL,
  retention_until date NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  disposed_at timestamptz,
  disposal_act_id uuid REFERENCES archive_items(id),
  UNIQUE (school_id, manifest_sha256)
);
CREATE INDEX archive_items_school_idx ON archive_items (school_id, kind, academic_year_id);
CREATE INDEX archive_items_retention_idx ON archive_items (retention_until) WHERE disposed_at IS NULL;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE archive_items`);
  }
}
