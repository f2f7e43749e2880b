import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-AUD-05: control checks of journals by the deputy, their remarks and history. */
export class ControlChecks1765000000000 implements MigrationInterface {
  name = 'ControlChecks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- R-AUD-05 (001; 002 §3.3.15, §3.4.7): a check of one teacher's journal of a class and subject
CREATE TABLE control_checks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  checked_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('planned','unplanned','thematic','period_end','exam_preparation')),
  summary text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1
);
CREATE INDEX control_checks_school_idx ON control_checks (school_id, checked_on);
CREATE INDEX control_checks_teacher_idx ON control_checks (teacher_id, checked_on);

-- A remark of a check: open → fixed (teacher) → accepted (deputy), or back to open (reopened)
CREATE TABLE control_remarks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  check_id uuid NOT NULL REFERENCES control_checks(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  position int NOT NULL,
  text text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','fixed','accepted')),
  fixed_at timestamptz,
  fixed_comment text,
  accepted_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1,
  UNIQUE (check_id, position)
);
CREATE INDEX control_remarks_teacher_idx ON control_remarks (teacher_id, status);
CREATE INDEX control_remarks_school_idx ON control_remarks (school_id, status, due_on);

-- Every state change of a remark, append-only
CREATE TABLE control_remark_events (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  remark_id uuid NOT NULL REFERENCES control_remarks(id),
  action text NOT NULL CHECK (action IN ('created','fixed','accepted','reopened')),
  from_status text,
  to_status text NOT NULL,
  comment text,
  actor_user_id uuid NOT NULL REFERENCES users(id),
  actor_role text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX control_remark_events_remark_idx ON control_remark_events (remark_id, at);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE control_remark_events; DROP TABLE control_remarks; DROP TABLE control_checks;`);
  }
}
