import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 (performance): the direct-payment orders of a page of persons (`Beneficiary.directPaymentOrders`) by index.
 */
export class LoaderIndexes1764500000000 implements MigrationInterface {
  name = 'LoaderIndexes1764500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX order_beneficiary_idx ON bailleur.direct_payment_order (beneficiary_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bailleur.order_beneficiary_idx`);
  }
}
