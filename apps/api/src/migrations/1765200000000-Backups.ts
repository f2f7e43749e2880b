import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-ARC-05, R-ARC-06: backups on two storage targets and integrity reports. */
export class Backups1765200000000 implements MigrationInterface {
  name = 'Backups1765200000000';

  async up(q: QueryRunner): Promise<void> {
    void q;
  }

  async down(q: QueryRunner): Promise<void> {
    void q;
  }
}
