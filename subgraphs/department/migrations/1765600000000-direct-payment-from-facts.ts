import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 (CASF L271-5): the request's arrears come from the landlord's records (`arrears.reached`, kept here as
 * arrears facts) and name the lease; the payment orders the département decides on a judgment are data, each tied to
 * its judgment and ending with it (`payment-order.decided` / `.ended` to the landlord).
 */
export class DirectPaymentFromFacts1765600000000 implements MigrationInterface {
  name = 'DirectPaymentFromFacts1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX lease_fact_beneficiary_idx ON department.lease_fact (beneficiary_id)`);
    await q.query(`
      CREATE TABLE department.arrears_fact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lease_id uuid NOT NULL REFERENCES department.lease_fact (lease_id),
        beneficiary_id uuid NOT NULL,
        landlord_org_id uuid NOT NULL,
        unpaid_months text[] NOT NULL CHECK (cardinality(unpaid_months) >= 1),
        declaration_id uuid,
        reached_on date NOT NULL,
        UNIQUE NULLS NOT DISTINCT (lease_id, unpaid_months, declaration_id)
      )`);
    await q.query(`CREATE INDEX arrears_fact_lease_idx ON department.arrears_fact (lease_id, reached_on)`);
    await q.query(`
      ALTER TABLE department.direct_payment_request
        ADD COLUMN lease_id uuid REFERENCES department.lease_fact (lease_id),
        ADD COLUMN arrears_fact_id uuid REFERENCES department.arrears_fact (id)`);
    await q.query(`
      CREATE TABLE department.payment_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        judgment_id uuid NOT NULL REFERENCES department.direct_payment_judgment (id),
        measure_id uuid NOT NULL REFERENCES department.measure (id),
        beneficiary_id uuid NOT NULL,
        lease_id uuid NOT NULL REFERENCES department.lease_fact (lease_id),
        landlord_org_id uuid NOT NULL,
        payer_org_id uuid NOT NULL,
        monthly_amount_cents integer NOT NULL CHECK (monthly_amount_cents > 0),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ENDED')),
        end_reason text,
        -- an order ended before it began covers no day: its last day is the day before its start
        CHECK (ends_on >= starts_on - 1),
        CHECK ((status = 'ENDED') = (end_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX payment_order_beneficiary_idx ON department.payment_order (beneficiary_id)`);
    await q.query(`CREATE INDEX payment_order_measure_idx ON department.payment_order (measure_id)`);
    await q.query(`CREATE INDEX payment_order_lease_idx ON department.payment_order (lease_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.payment_order`);
    await q.query(`ALTER TABLE department.direct_payment_request DROP COLUMN arrears_fact_id, DROP COLUMN lease_id`);
    await q.query(`DROP TABLE department.arrears_fact`);
    await q.query(`DROP INDEX department.lease_fact_beneficiary_idx`);
  }
}
