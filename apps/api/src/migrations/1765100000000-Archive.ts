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
  -- journal_printout only: the study period printed (R-ARC-04).
  period_id uuid REFERENCES study_periods(id),
  UNIQUE (school_id, manifest_sha256)
);
CREATE INDEX archive_items_school_idx ON archive_items (school_id, kind, academic_year_id);
CREATE INDEX archive_items_retention_idx ON archive_items (retention_until) WHERE disposed_at IS NULL;

-- R-ARC-01: every closing and reopening of a year, with what blocked it and why it went ahead (the director's order).
CREATE TABLE year_closings (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  action text NOT NULL CHECK (action IN ('close','reopen')),
  reason text,
  overridden boolean NOT NULL DEFAULT false,
  blockers jsonb NOT NULL DEFAULT '[]',
  periods_closed int NOT NULL DEFAULT 0,
  actor_id uuid REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX year_closings_year_idx ON year_closings (academic_year_id, at);

-- R-ARC-07: a disposal act (itself an archive item of kind disposal_act) and the items it disposed of.
CREATE TABLE archive_disposal_acts (
  item_id uuid PRIMARY KEY REFERENCES archive_items(id),
  school_id uuid NOT NULL REFERENCES schools(id),
  number int NOT NULL,
  reason text NOT NULL,
  item_ids uuid[] NOT NULL,
  confirmed_by uuid NOT NULL REFERENCES users(id),
  confirmed_at timestamptz NOT NULL,
  UNIQUE (school_id, number)
);`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE archive_disposal_acts; DROP TABLE year_closings; DROP TABLE archive_items`);
  }
}
