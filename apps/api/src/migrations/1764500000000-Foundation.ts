import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation schema: schools, people, accounts, roster (R-ROS-*), academic years (R-CUR-01), audit log (R-AUD-01/02). */
export class Foundation1764500000000 implements MigrationInterface {
  name = 'Foundation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE schools (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  short_name text NOT NULL,
  address text NOT NULL DEFAULT '',
  time_zone text NOT NULL,
  phone text,
  email text,
  inn text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);

CREATE TABLE persons (
  id uuid PRIMARY KEY,
  last_name text NOT NULL,
  first_name text NOT NULL,
  middle_name text,
  birth_date date,
  gender text CHECK (gender IN ('male','female')),
  email text,
  phone text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);

-- Accounts (R-ROS-10): one per person, stable UID = users.id
CREATE TABLE users (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL UNIQUE REFERENCES persons(id),
  login text NOT NULL,
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','revoked')),
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_login_uq ON users (lower(login));

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- R-API-02: integration accounts with scoped tokens, stored hashed
CREATE TABLE integration_tokens (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  name text NOT NULL,
  scopes text[] NOT NULL,
  token_prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX integration_tokens_school_idx ON integration_tokens (school_id);

-- R-ROS-02: staff employments with several roles; dismissal ends access
CREATE TABLE employments (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  position text NOT NULL,
  starts_on date NOT NULL,
  ends_on date,
  hire_order_number text,
  dismissal_order_number text,
  dismissed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE INDEX employments_school_idx ON employments (school_id);
CREATE INDEX employments_person_idx ON employments (person_id);
CREATE UNIQUE INDEX employments_active_uq ON employments (school_id, person_id) WHERE dismissed_at IS NULL;

-- R-CUR-01: academic years (owned by roster)
CREATE TABLE academic_years (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','open','closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (ends_on > starts_on),
  UNIQUE (school_id, name)
);

-- R-ROS-06
CREATE TABLE classes (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  grade int NOT NULL CHECK (grade BETWEEN 1 AND 11),
  letter text NOT NULL,
  class_teacher_id uuid REFERENCES persons(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, academic_year_id, grade, letter)
);
CREATE INDEX classes_teacher_idx ON classes (class_teacher_id);

-- R-ROS-03: students; SNILS encrypted at rest (AES-256-GCM), a keyed hash for matching
CREATE TABLE students (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  personal_file_number text,
  snils_encrypted text,
  snils_hash text,
  address text,
  status text NOT NULL DEFAULT 'studying' CHECK (status IN ('studying','left','graduated')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, person_id)
);
CREATE INDEX students_school_idx ON students (school_id, status);

-- R-ROS-08: class membership history; ends_on NULL = current
CREATE TABLE enrolments (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  student_id uuid NOT NULL REFERENCES students(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  starts_on date NOT NULL,
  ends_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX enrolments_class_idx ON enrolments (class_id, student_id);
CREATE INDEX enrolments_student_idx ON enrolments (student_id);
CREATE UNIQUE INDEX enrolments_one_current_uq ON enrolments (student_id) WHERE ends_on IS NULL;

CREATE TABLE movements (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  student_id uuid NOT NULL REFERENCES students(id),
  kind text NOT NULL CHECK (kind IN ('enrol','transfer_within','transfer_out','expel','promote','graduate')),
  occurred_on date NOT NULL,
  order_number text NOT NULL,
  from_class_id uuid REFERENCES classes(id),
  to_class_id uuid REFERENCES classes(id),
  destination text,
  reason text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX movements_school_idx ON movements (school_id, occurred_on);
CREATE INDEX movements_student_idx ON movements (student_id);

-- R-ROS-04: parents with the access application record
CREATE TABLE guardians (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  application_number text,
  application_date date,
  identity_document text,
  identity_checked_by uuid REFERENCES persons(id),
  identity_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, person_id)
);
CREATE TABLE guardianships (
  school_id uuid NOT NULL REFERENCES schools(id),
  guardian_id uuid NOT NULL REFERENCES guardians(id),
  student_id uuid NOT NULL REFERENCES students(id),
  relation text NOT NULL DEFAULT 'parent',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (guardian_id, student_id)
);
CREATE INDEX guardianships_student_idx ON guardianships (student_id);

-- R-ROS-05: interested persons designated by a parent for one child
CREATE TABLE interested_persons (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  student_id uuid NOT NULL REFERENCES students(id),
  designated_by uuid NOT NULL REFERENCES guardians(id),
  contact text,
  valid_until date,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interested_persons_person_idx ON interested_persons (person_id);
CREATE INDEX interested_persons_student_idx ON interested_persons (student_id);

-- R-ROS-07: subgroups per class and subject
CREATE TABLE subgroups (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  subject_name text NOT NULL,
  name text NOT NULL,
  teacher_id uuid REFERENCES persons(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (class_id, subject_name, name)
);
CREATE TABLE subgroup_members (
  school_id uuid NOT NULL REFERENCES schools(id),
  subgroup_id uuid NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
  student_id uuid NOT NULL REFERENCES students(id),
  PRIMARY KEY (subgroup_id, student_id)
);

-- R-ROS-09: year transitions, executed once per (school, from, to)
CREATE TABLE year_transitions (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  from_year_id uuid NOT NULL REFERENCES academic_years(id),
  to_year_id uuid NOT NULL REFERENCES academic_years(id),
  order_number text NOT NULL,
  executed_at timestamptz NOT NULL DEFAULT now(),
  executed_by uuid REFERENCES users(id),
  summary jsonb NOT NULL,
  UNIQUE (school_id, from_year_id, to_year_id)
);

-- R-AUD-01/02: append-only, hash-chained per school
CREATE TABLE audit_chain_heads (
  school_key text PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  school_key text NOT NULL,
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_role text,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (school_key, seq)
);
CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, seq);
CREATE INDEX audit_events_time_idx ON audit_events (school_key, occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE audit_events; DROP FUNCTION audit_events_append_only(); DROP TABLE audit_chain_heads;
DROP TABLE year_transitions; DROP TABLE subgroup_members; DROP TABLE subgroups; DROP TABLE interested_persons;
DROP TABLE guardianships; DROP TABLE guardians; DROP TABLE movements; DROP TABLE enrolments; DROP TABLE students;
DROP TABLE classes; DROP TABLE academic_years; DROP TABLE employments; DROP TABLE integration_tokens;
DROP TABLE refresh_tokens; DROP TABLE users; DROP TABLE persons; DROP TABLE schools;`);
  }
}
