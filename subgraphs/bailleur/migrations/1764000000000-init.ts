import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE bailleur.payer_kind AS ENUM ('ASSOCIATION', 'DEPARTEMENT', 'ORGANISME_PAYEUR', 'MANDATAIRE')`,
    );
    await q.query(`CREATE TYPE bailleur.rent_payment_status AS ENUM ('EXPECTED', 'CONFIRMED', 'PARTIAL', 'MISSING')`);
    await q.query(`
      CREATE TABLE bailleur.lease (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        landlord_org_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        reference text NOT NULL,
        address text NOT NULL,
        tenant_name text NOT NULL,
        rent_cents integer NOT NULL CHECK (rent_cents >= 0),
        charges_cents integer NOT NULL CHECK (charges_cents >= 0),
        starts_on date NOT NULL,
        UNIQUE (landlord_org_id, reference)
      )`);
    await q.query(`CREATE INDEX lease_landlord_idx ON bailleur.lease (landlord_org_id, id)`);
    await q.query(`CREATE INDEX lease_beneficiary_idx ON bailleur.lease (beneficiary_id)`);
    await q.query(`
      CREATE TABLE bailleur.direct_payment_order (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lease_id uuid NOT NULL REFERENCES bailleur.lease (id),
        payer_org_id uuid NOT NULL,
        payer_kind bailleur.payer_kind NOT NULL,
        monthly_amount_cents integer NOT NULL CHECK (monthly_amount_cents > 0),
        starts_on date NOT NULL,
        ends_on date,
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX order_lease_idx ON bailleur.direct_payment_order (lease_id)`);
    await q.query(`CREATE INDEX order_payer_idx ON bailleur.direct_payment_order (payer_org_id)`);
    await q.query(`
      CREATE TABLE bailleur.rent_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lease_id uuid NOT NULL REFERENCES bailleur.lease (id),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        expected_cents integer NOT NULL CHECK (expected_cents >= 0),
        received_cents integer CHECK (received_cents >= 0),
        status bailleur.rent_payment_status NOT NULL,
        UNIQUE (lease_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bailleur.rent_payment`);
    await q.query(`DROP TABLE bailleur.direct_payment_order`);
    await q.query(`DROP TABLE bailleur.lease`);
    await q.query(`DROP TYPE bailleur.rent_payment_status`);
    await q.query(`DROP TYPE bailleur.payer_kind`);
  }
}
