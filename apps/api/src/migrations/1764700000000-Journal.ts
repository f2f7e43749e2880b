import { MigrationInterface, QueryRunner } from 'typeorm';

/** Journal (R-JRN-01..13): settings, work types, lessons, homework + files, marks, attendance, remarks, external marks,
 * change requests, period marks, control works, idempotency keys. */
export class Journal1764700000000 implements MigrationInterface {
  name = 'Journal1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- R-JRN-05: per-school settings with the seeds' defaults
CREATE TABLE journal_settings (
  school_id uuid PRIMARY KEY REFERENCES schools(id),
  content_edit_days int NOT NULL DEFAULT 2 CHECK (content_edit_days BETWEEN 0 AND 60),
  late_entry_days int NOT NULL DEFAULT 7 CHECK (late_entry_days BETWEEN 0 AND 60),
  homework_hours_after_classes int NOT NULL DEFAULT 2 CHECK (homework_hours_after_classes BETWEEN 0 AND 48),
  control_mark_edit_days int NOT NULL DEFAULT 10 CHECK (control_mark_edit_days BETWEEN 0 AND 60),
  period_mark_edit_days int NOT NULL DEFAULT 7 CHECK (period_mark_edit_days BETWEEN 0 AND 60),
  rounding_threshold numeric(3,2) NOT NULL DEFAULT 0.50 CHECK (rounding_threshold > 0 AND rounding_threshold < 1),
  class_teacher_applies_changes boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1
);

-- R-JRN-03: work types with weights (per school)
CREATE TABLE work_types (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  code text NOT NULL,
  name text NOT NULL,
  weight numeric(3,1) NOT NULL CHECK (weight > 0 AND weight <= 10),
  is_control boolean NOT NULL DEFAULT false,
  archived boolean NOT NULL DEFAULT false,
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, code)
);

-- R-JRN-01/02: a dated lesson, generated from the timetable (or extra); substitution recorded, not overwritten
CREATE TABLE lessons (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  date date NOT NULL,
  lesson_number int NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  class_id uuid NOT NULL REFERENCES classes(id),
  subgroup_id uuid REFERENCES subgroups(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  substitute_teacher_id uuid REFERENCES persons(id),
  room_id uuid REFERENCES rooms(id),
  timetable_entry_id uuid REFERENCES timetable_entries(id),
  source text NOT NULL DEFAULT 'timetable' CHECK (source IN ('timetable','extra')),
  cancelled boolean NOT NULL DEFAULT false,
  held boolean NOT NULL DEFAULT false,
  topic text,
  work_types text[] NOT NULL DEFAULT '{}',
  first_entered_at timestamptz,
  entered_late boolean NOT NULL DEFAULT false,
  content_updated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX lessons_entry_date_uq ON lessons (timetable_entry_id, date) WHERE timetable_entry_id IS NOT NULL;
CREATE INDEX lessons_class_subject_idx ON lessons (class_id, subject_id, date);
CREATE INDEX lessons_class_date_idx ON lessons (class_id, date, lesson_number);
CREATE INDEX lessons_teacher_date_idx ON lessons (teacher_id, date);
CREATE INDEX lessons_substitute_date_idx ON lessons (substitute_teacher_id, date) WHERE substitute_teacher_id IS NOT NULL;
CREATE INDEX lessons_school_date_idx ON lessons (school_id, date);

CREATE TABLE homework (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  lesson_id uuid NOT NULL UNIQUE REFERENCES lessons(id) ON DELETE CASCADE,
  text text NOT NULL,
  due_date date,
  entered_at timestamptz NOT NULL DEFAULT now(),
  entered_late boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE homework_files (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes int NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX homework_files_lesson_idx ON homework_files (lesson_id);

-- R-JRN-03: marks; several per student per lesson
CREATE TABLE marks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id),
  student_id uuid NOT NULL REFERENCES students(id),
  value text NOT NULL CHECK (value IN ('1','2','3','4','5','зч','нз','н/а','осв')),
  work_type text NOT NULL,
  weight numeric(3,1) NOT NULL,
  comment text,
  entered_at timestamptz NOT NULL DEFAULT now(),
  entered_late boolean NOT NULL DEFAULT false,
  entered_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE INDEX marks_lesson_idx ON marks (lesson_id, student_id);
CREATE INDEX marks_student_idx ON marks (student_id, lesson_id);

-- R-JRN-04
CREATE TABLE attendance (
  school_id uuid NOT NULL REFERENCES schools(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id),
  student_id uuid NOT NULL REFERENCES students(id),
  code text NOT NULL CHECK (code IN ('Н','У','Б','ОП')),
  minutes_late int,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id),
  PRIMARY KEY (lesson_id, student_id)
);
CREATE INDEX attendance_student_idx ON attendance (student_id);

-- R-JRN-10
CREATE TABLE remarks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  lesson_id uuid NOT NULL REFERENCES lessons(id),
  student_id uuid NOT NULL REFERENCES students(id),
  text text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remarks_lesson_idx ON remarks (lesson_id);
CREATE INDEX remarks_student_idx ON remarks (student_id);

-- R-JRN-09: marks transferred from another institution
CREATE TABLE external_marks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  student_id uuid NOT NULL REFERENCES students(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  date date NOT NULL,
  value text NOT NULL CHECK (value IN ('1','2','3','4','5','зч','нз','н/а','осв')),
  work_type text NOT NULL,
  weight numeric(3,1) NOT NULL,
  institution text NOT NULL,
  basis_document text NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX external_marks_student_idx ON external_marks (student_id, subject_id);

-- R-JRN-08: period, annual, exam and final marks
CREATE TABLE period_marks (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  student_id uuid NOT NULL REFERENCES students(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  kind text NOT NULL CHECK (kind IN ('period','annual','exam','final')),
  period_id uuid REFERENCES study_periods(id),
  value text NOT NULL CHECK (value IN ('1','2','3','4','5','зч','нз','н/а','осв')),
  proposed_value text,
  weighted_average numeric(4,2),
  note text,
  set_by uuid REFERENCES users(id),
  set_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  CHECK ((kind = 'period') = (period_id IS NOT NULL))
);
CREATE UNIQUE INDEX period_marks_uq ON period_marks (student_id, subject_id, kind, academic_year_id, coalesce(period_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX period_marks_class_idx ON period_marks (class_id, subject_id);

-- R-JRN-06: change requests after a window
CREATE TABLE change_requests (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  number int NOT NULL,
  registration_number text NOT NULL,
  initiator_id uuid NOT NULL REFERENCES users(id),
  initiator_role text NOT NULL,
  status text NOT NULL DEFAULT 'filed' CHECK (status IN ('filed','approved','rejected','applied')),
  reason_category text NOT NULL CHECK (reason_category IN ('student_illness','teacher_absence','other_document')),
  document_reference text NOT NULL,
  explanation text NOT NULL,
  items jsonb NOT NULL,
  class_id uuid REFERENCES classes(id),
  subject_id uuid REFERENCES subjects(id),
  period_id uuid REFERENCES study_periods(id),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  decision_note text,
  applied_by uuid REFERENCES users(id),
  applied_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1,
  UNIQUE (school_id, number)
);
CREATE INDEX change_requests_status_idx ON change_requests (school_id, status, created_at);

-- R-JRN-11
CREATE TABLE control_works (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  academic_year_id uuid NOT NULL REFERENCES academic_years(id),
  class_id uuid NOT NULL REFERENCES classes(id),
  subject_id uuid NOT NULL REFERENCES subjects(id),
  date date NOT NULL,
  title text NOT NULL,
  work_type text NOT NULL DEFAULT 'control',
  lesson_id uuid REFERENCES lessons(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version int NOT NULL DEFAULT 1
);
CREATE INDEX control_works_class_date_idx ON control_works (class_id, date);

-- Idempotent retries of journal writes (bulk lesson save)
CREATE TABLE idempotency_keys (
  key text NOT NULL,
  user_id uuid NOT NULL,
  school_id uuid NOT NULL,
  request_hash text NOT NULL,
  status int NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys; DROP TABLE control_works; DROP TABLE change_requests; DROP TABLE period_marks;
      DROP TABLE external_marks; DROP TABLE remarks; DROP TABLE attendance; DROP TABLE marks; DROP TABLE homework_files; DROP TABLE homework;
      DROP TABLE lessons; DROP TABLE work_types; DROP TABLE journal_settings;`);
  }
}
