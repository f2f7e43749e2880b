import { MigrationInterface, QueryRunner } from 'typeorm';

/** Curriculum and timetable (R-CUR-02..10): periods, subjects, plans, teacher load, working mode, timetable, КТП, rooms, textbooks. */
export class Curriculum1764600000000 implements MigrationInterface {
  name = 'Curriculum1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- R-CUR-02: study periods per year and grade range
CREATE TABLE study_periods (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  grade_from int NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to int NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  kind text NOT NULL CHECK (kind IN ('quarter','trimester','half_year')),
  number int NOT NULL CHECK (number BETWEEN 1 AND 4),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  closed_at timestamptz,
  closed_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (grade_to >= grade_from),
  CHECK (ends_on >= starts_on),
  UNIQUE (academic_year_id, grade_from, grade_to, number)
);
CREATE INDEX study_periods_year_idx ON study_periods (academic_year_id, starts_on);

-- R-CUR-03
CREATE TABLE subjects (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  name text NOT NULL,
  short_name text NOT NULL,
  area text NOT NULL DEFAULT '',
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, name)
);

-- R-CUR-10
CREATE TABLE rooms (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  name text NOT NULL,
  capacity int CHECK (capacity IS NULL OR capacity > 0),
  note text,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, name)
);
CREATE TABLE textbooks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  title text NOT NULL,
  authors text NOT NULL DEFAULT '',
  publisher text NOT NULL DEFAULT '',
  year int,
  grade_from int NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to int NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (grade_to >= grade_from)
);
CREATE INDEX textbooks_subject_idx ON textbooks (school_id, subject_id);

-- R-CUR-04: plan versions; lines per subject × grade, with per-class overrides (class_id set)
CREATE TABLE curriculum_plans (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  name text NOT NULL,
  plan_version int NOT NULL DEFAULT 1,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved','superseded')),
  supersedes_id uuid REFERENCES curriculum_plans(id),
  approved_at timestamptz,
  approved_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (academic_year_id, plan_version)
);
CREATE UNIQUE INDEX curriculum_plans_one_approved_uq ON curriculum_plans (academic_year_id) WHERE status = 'approved';
CREATE TABLE curriculum_plan_lines (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  plan_id uuid NOT NULL REFERENCES curriculum_plans(id) ON DELETE CASCADE,
  subject_id uuid NOT NULL REFERENCES subjects(id),
  grade int NOT NULL CHECK (grade BETWEEN 1 AND 11),
  class_id uuid REFERENCES classes(id),
  weekly_hours numeric(4,1) NOT NULL CHECK (weekly_hours >= 0 AND weekly_hours <= 20),
  UNIQUE NULLS NOT DISTINCT (plan_id, subject_id, grade, class_id)
);
CREATE INDEX curriculum_plan_lines_plan_idx ON curriculum_plan_lines (plan_id);

-- R-CUR-06: teacher load, the source of who may teach what
CREATE TABLE teacher_loads (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  subgroup_id uuid REFERENCES subgroups(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  weekly_hours numeric(4,1) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 20),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved')),
  approved_at timestamptz,
  approved_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE NULLS NOT DISTINCT (academic_year_id, teacher_id, class_id, subgroup_id, subject_id)
);
CREATE INDEX teacher_loads_class_idx ON teacher_loads (class_id, subject_id);
CREATE INDEX teacher_loads_teacher_idx ON teacher_loads (teacher_id, academic_year_id);

-- R-CUR-07: working mode, bells, holidays
CREATE TABLE working_modes (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  grade_from int NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to int NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  days_per_week int NOT NULL CHECK (days_per_week IN (5, 6)),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (grade_to >= grade_from)
);
CREATE TABLE bell_schedules (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  name text NOT NULL,
  weekdays int[] NOT NULL DEFAULT '{1,2,3,4,5,6}',
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE TABLE bell_slots (
  school_id uuid NOT NULL REFERENCES schools(id),
  schedule_id uuid NOT NULL REFERENCES bell_schedules(id) ON DELETE CASCADE,
  lesson_number int NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  starts_at time NOT NULL,
  ends_at time NOT NULL,
  CHECK (ends_at > starts_at),
  PRIMARY KEY (schedule_id, lesson_number)
);
CREATE TABLE holidays (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  kind text NOT NULL CHECK (kind IN ('holiday','vacation')),
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  grade_from int NOT NULL DEFAULT 1,
  grade_to int NOT NULL DEFAULT 11,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on),
  CHECK (grade_to >= grade_from)
);
CREATE INDEX holidays_year_idx ON holidays (academic_year_id, starts_on);

-- R-CUR-08: weekly template and one-off changes
CREATE TABLE timetable_entries (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  weekday int NOT NULL CHECK (weekday BETWEEN 1 AND 6),
  lesson_number int NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  class_id uuid NOT NULL REFERENCES classes(id),
  subgroup_id uuid REFERENCES subgroups(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  room_id uuid REFERENCES rooms(id),
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX timetable_entries_class_idx ON timetable_entries (class_id, weekday, lesson_number);
CREATE INDEX timetable_entries_teacher_idx ON timetable_entries (teacher_id, weekday, lesson_number);
CREATE INDEX timetable_entries_room_idx ON timetable_entries (room_id, weekday, lesson_number);
CREATE TABLE timetable_changes (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  entry_id uuid NOT NULL REFERENCES timetable_entries(id),
  date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cancel','move','substitute')),
  new_lesson_number int CHECK (new_lesson_number BETWEEN 0 AND 12),
  new_date date,
  new_room_id uuid REFERENCES rooms(id),
  substitute_teacher_id uuid REFERENCES persons(id),
  reason text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entry_id, date)
);
CREATE INDEX timetable_changes_date_idx ON timetable_changes (school_id, date);

-- R-CUR-09: calendar-thematic plans
CREATE TABLE ktp_plans (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  subgroup_id uuid REFERENCES subgroups(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE NULLS NOT DISTINCT (academic_year_id, teacher_id, class_id, subgroup_id, subject_id)
);
CREATE TABLE ktp_topics (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  plan_id uuid NOT NULL REFERENCES ktp_plans(id) ON DELETE CASCADE,
  position int NOT NULL CHECK (position >= 1),
  title text NOT NULL,
  hours numeric(4,1) NOT NULL CHECK (hours > 0 AND hours <= 40),
  work_type text,
  UNIQUE (plan_id, position)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ktp_topics; DROP TABLE ktp_plans; DROP TABLE timetable_changes; DROP TABLE timetable_entries;
      DROP TABLE holidays; DROP TABLE bell_slots; DROP TABLE bell_schedules; DROP TABLE working_modes; DROP TABLE teacher_loads;
      DROP TABLE curriculum_plan_lines; DROP TABLE curriculum_plans; DROP TABLE textbooks; DROP TABLE rooms; DROP TABLE subjects;
      DROP TABLE study_periods;`);
  }
}
