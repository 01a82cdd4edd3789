import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 (CPU per page): the caseload's alerts are computed person by person, for the persons a page shows
 * (sql.ts ALERTS_SQL). The kinds not yet reached from a person by an index: arrears facts by person, and the direct
 * payment requests that silence an arrears alert (filed on the fact, or on its lease since).
 */
export class AlertsByPersonIndexes1766500000000 implements MigrationInterface {
  name = 'AlertsByPersonIndexes1766500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX arrears_fact_beneficiary_idx ON department.arrears_fact (beneficiary_id)`);
    await q.query(
      `CREATE INDEX direct_payment_request_arrears_idx ON department.direct_payment_request (arrears_fact_id)`,
    );
    await q.query(
      `CREATE INDEX direct_payment_request_lease_idx ON department.direct_payment_request (lease_id, requested_on)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX department.direct_payment_request_lease_idx`);
    await q.query(`DROP INDEX department.direct_payment_request_arrears_idx`);
    await q.query(`DROP INDEX department.arrears_fact_beneficiary_idx`);
  }
}
