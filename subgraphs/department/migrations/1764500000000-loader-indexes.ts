import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 (performance): the caseload page (a référent's or a territory's persons in id order, keyset) reads its 50
 * rows from an index instead of walking the primary key and filtering.
 */
export class LoaderIndexes1764500000000 implements MigrationInterface {
  name = 'LoaderIndexes1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX beneficiary_referent_id_idx ON department.beneficiary (referent_sub, id)`);
    await q.query(`CREATE INDEX beneficiary_territory_id_idx ON department.beneficiary (territory, id)`);
    await q.query(`DROP INDEX department.beneficiary_referent_idx`);
    await q.query(`DROP INDEX department.beneficiary_territory_idx`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX beneficiary_referent_idx ON department.beneficiary (referent_sub)`);
    await q.query(`CREATE INDEX beneficiary_territory_idx ON department.beneficiary (territory)`);
    await q.query(`DROP INDEX department.beneficiary_referent_id_idx`);
    await q.query(`DROP INDEX department.beneficiary_territory_id_idx`);
  }
}
