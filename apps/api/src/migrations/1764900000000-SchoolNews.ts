import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-DIA-13: school news for families — posts per school, optionally for a range of grades; archived, never deleted. */
export class SchoolNews1764900000000 implements MigrationInterface {
  name = 'SchoolNews1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE school_news (
  id uuid PRIMARY KEY,
  school_id uuid NOT NULL REFERENCES schools(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  grade_from int CHECK (grade_from BETWEEN 0 AND 12),
  grade_to int CHECK (grade_to BETWEEN 0 AND 12),
  author_id uuid NOT NULL REFERENCES users(id),
  published_at timestamptz NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (grade_from IS NULL OR grade_to IS NULL OR grade_from <= grade_to)
);
CREATE INDEX school_news_school_idx ON school_news (school_id, published_at DESC) WHERE NOT archived;`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE school_news`);
  }
}
