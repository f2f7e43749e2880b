import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-JRN-07: attendance is stamped by the server at its first entry and flagged when that entry was late, like marks and homework. */
export class JournalEntryStamps1764710000000 implements MigrationInterface {
  name = 'JournalEntryStamps1764710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance ADD COLUMN entered_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN entered_late boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance DROP COLUMN entered_late, DROP COLUMN entered_at`);
  }
}
