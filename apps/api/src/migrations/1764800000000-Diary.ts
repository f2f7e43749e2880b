import { MigrationInterface, QueryRunner } from 'typeorm';

/** Family diary (R-DIA-10, R-DIA-11): visits per user and day; message threads, messages, read marks and attachments. */
export class Diary1764800000000 implements MigrationInterface {
  name = 'Diary1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- R-DIA-10: one row per account and school-local day of diary use (written once a day, not per request)
CREATE TABLE diary_visits (
  user_id uuid NOT NULL REFERENCES users(id),
  day date NOT NULL,
  school_id uuid NOT NULL REFERENCES schools(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  role text NOT NULL CHECK (role IN ('student','parent','interested_person')),
  first_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, day)
);
CREATE INDEX diary_visits_school_day_idx ON diary_visits (school_id, day);

-- R-DIA-11: a thread between one family member (a parent or the student) and one teacher about one student
CREATE TABLE message_threads (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  student_id uuid NOT NULL REFERENCES students(id),
  teacher_id uuid NOT NULL REFERENCES persons(id),
  family_person_id uuid NOT NULL REFERENCES persons(id),
  family_role text NOT NULL CHECK (family_role IN ('parent','student')),
  started_by text NOT NULL CHECK (started_by IN ('family','staff')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_message_at timestamptz NOT NULL,
  -- the first family message the teacher has not answered yet; the reply deadline counts from it
  awaiting_reply_since timestamptz,
  CHECK (teacher_id <> family_person_id)
);
CREATE INDEX message_threads_teacher_idx ON message_threads (teacher_id, last_message_at DESC);
CREATE INDEX message_threads_family_idx ON message_threads (family_person_id, last_message_at DESC);
CREATE INDEX message_threads_student_idx ON message_threads (student_id);
CREATE INDEX message_threads_awaiting_idx ON message_threads (school_id, awaiting_reply_since) WHERE awaiting_reply_since IS NOT NULL;

CREATE TABLE messages (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  thread_id uuid NOT NULL REFERENCES message_threads(id),
  author_person_id uuid NOT NULL REFERENCES persons(id),
  author_user_id uuid REFERENCES users(id),
  recipient_person_id uuid NOT NULL REFERENCES persons(id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_at timestamptz
);
CREATE INDEX messages_thread_idx ON messages (thread_id, created_at);
CREATE INDEX messages_unread_idx ON messages (recipient_person_id, thread_id) WHERE read_at IS NULL;

-- Same limits as homework files: at most 10 MB, safe types; the bytes live in the file storage under storage_key
CREATE TABLE message_attachments (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  message_id uuid NOT NULL REFERENCES messages(id),
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes int NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256 text NOT NULL,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_attachments_message_idx ON message_attachments (message_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE message_attachments; DROP TABLE messages; DROP TABLE message_threads; DROP TABLE diary_visits;`);
  }
}
