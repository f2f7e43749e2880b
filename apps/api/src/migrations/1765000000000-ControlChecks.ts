import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-AUD-05: control checks of journals by the deputy, their remarks and history. */
export class ControlChecks1765000000000 implements MigrationInterface {
  name = 'ControlChecks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    void q;
  }

  async down(q: QueryRunner): Promise<void> {
    void q;
  }
}
