import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-AUD-04: indexes the monitoring queries need (the journal figures use the lessons/marks indexes of the journal itself). */
export class Monitoring1765300000000 implements MigrationInterface {
  name = 'Monitoring1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Monthly activity: lessons first filled in a month, marks entered in a month, sign-ins (refresh-token families started) in a month.
CREATE INDEX lessons_school_first_entered_idx ON lessons (school_id, first_entered_at) WHERE first_entered_at IS NOT NULL;
CREATE INDEX marks_school_entered_idx ON marks (school_id, entered_at);
CREATE INDEX refresh_tokens_user_created_idx ON refresh_tokens (user_id, created_at);
-- КТП of the classes in a report.
CREATE INDEX ktp_plans_class_idx ON ktp_plans (class_id, subject_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ktp_plans_class_idx; DROP INDEX refresh_tokens_user_created_idx; DROP INDEX marks_school_entered_idx;
      DROP INDEX lessons_school_first_entered_idx;`);
  }
}
