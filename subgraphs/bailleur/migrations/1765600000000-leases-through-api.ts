import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: leases are data the landlord records through the API (who recorded it, its end), and a direct-payment
 * order on a judgment (CASF L271-5) exists only from the département's decision: it names the judgment and ends with
 * it. The CHECK is NOT VALID: rows from before hold no judgment id; every new or changed row must.
 */
export class LeasesThroughApi1765600000000 implements MigrationInterface {
  name = 'LeasesThroughApi1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bailleur.lease
        ADD COLUMN ends_on date,
        ADD COLUMN recorded_by text,
        ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN ended_by text,
        ADD CONSTRAINT lease_ends_after_start_check CHECK (ends_on IS NULL OR ends_on >= starts_on)`);
    await q.query(`
      ALTER TABLE bailleur.direct_payment_order
        ADD COLUMN judgment_id uuid,
        ADD CONSTRAINT direct_payment_order_judgment_check CHECK (
          basis <> 'MASP3_JUDGMENT' OR (judgment_id IS NOT NULL AND ends_on IS NOT NULL)) NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bailleur.direct_payment_order DROP CONSTRAINT direct_payment_order_judgment_check,
      DROP COLUMN judgment_id`);
    await q.query(`ALTER TABLE bailleur.lease DROP CONSTRAINT lease_ends_after_start_check, DROP COLUMN ends_on,
      DROP COLUMN recorded_by, DROP COLUMN recorded_at, DROP COLUMN ended_by`);
  }
}
