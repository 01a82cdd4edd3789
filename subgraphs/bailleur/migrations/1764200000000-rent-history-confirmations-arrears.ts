import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5: the dated rent table, the basis of each direct-payment order, confirmations with their author and
 * correction history, and arrears declarations. Orders, payments, rent lines and declarations carry the person's id,
 * kept equal to their lease's by a composite foreign key (the access log needs it on every classified object).
 */
export class RentHistoryConfirmationsArrears1764200000000 implements MigrationInterface {
  name = 'RentHistoryConfirmationsArrears1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bailleur.lease ADD CONSTRAINT lease_id_beneficiary_key UNIQUE (id, beneficiary_id)`);

    await q.query(`
      CREATE TABLE bailleur.lease_rent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lease_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        effective_from date NOT NULL,
        rent_cents integer NOT NULL CHECK (rent_cents >= 0),
        charges_cents integer NOT NULL CHECK (charges_cents >= 0),
        UNIQUE (lease_id, effective_from),
        FOREIGN KEY (lease_id, beneficiary_id) REFERENCES bailleur.lease (id, beneficiary_id)
      )`);

    await q.query(
      `CREATE TYPE bailleur.direct_payment_basis AS ENUM ('MASP2_DELEGATION', 'MASP3_JUDGMENT', 'MAJ_MANDATE')`,
    );
    await q.query(`
      ALTER TABLE bailleur.direct_payment_order
        ADD COLUMN beneficiary_id uuid,
        ADD COLUMN basis bailleur.direct_payment_basis,
        ADD COLUMN created_by text,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN ended_by text`);
    await q.query(
      `UPDATE bailleur.direct_payment_order o SET beneficiary_id = l.beneficiary_id FROM bailleur.lease l WHERE l.id = o.lease_id`,
    );
    await q.query(
      `UPDATE bailleur.direct_payment_order SET basis = (CASE payer_kind WHEN 'ORGANISME_PAYEUR' THEN 'MASP3_JUDGMENT' WHEN 'MANDATAIRE' THEN 'MAJ_MANDATE' ELSE 'MASP2_DELEGATION' END)::bailleur.direct_payment_basis`,
    );
    await q.query(`
      ALTER TABLE bailleur.direct_payment_order
        ALTER COLUMN beneficiary_id SET NOT NULL,
        ALTER COLUMN basis SET NOT NULL,
        ADD CONSTRAINT direct_payment_order_lease_beneficiary_fkey FOREIGN KEY (lease_id, beneficiary_id) REFERENCES bailleur.lease (id, beneficiary_id),
        ADD CONSTRAINT direct_payment_order_basis_payer_check CHECK (
          (basis = 'MASP2_DELEGATION' AND payer_kind IN ('ASSOCIATION', 'DEPARTEMENT'))
          OR (basis = 'MASP3_JUDGMENT' AND payer_kind = 'ORGANISME_PAYEUR')
          OR (basis = 'MAJ_MANDATE' AND payer_kind = 'MANDATAIRE'))`);

    await q.query(`
      ALTER TABLE bailleur.rent_payment
        ADD COLUMN beneficiary_id uuid,
        ADD COLUMN received_on date,
        ADD COLUMN confirmed_by text,
        ADD COLUMN confirmed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(
      `UPDATE bailleur.rent_payment p SET beneficiary_id = l.beneficiary_id FROM bailleur.lease l WHERE l.id = p.lease_id`,
    );
    // A confirmation says what arrived; its status follows from the amounts (rules/rent-payment.rule.ts).
    await q.query(`
      ALTER TABLE bailleur.rent_payment
        ALTER COLUMN beneficiary_id SET NOT NULL,
        ADD CONSTRAINT rent_payment_lease_beneficiary_fkey FOREIGN KEY (lease_id, beneficiary_id) REFERENCES bailleur.lease (id, beneficiary_id),
        ADD CONSTRAINT rent_payment_received_cap_check CHECK (received_cents <= 1000000),
        ADD CONSTRAINT rent_payment_status_check CHECK (
          (status = 'MISSING' AND received_cents = 0)
          OR (status = 'PARTIAL' AND received_cents > 0 AND received_cents < expected_cents)
          OR (status = 'CONFIRMED' AND received_cents >= expected_cents))`);
    await q.query(`CREATE INDEX rent_payment_beneficiary_idx ON bailleur.rent_payment (beneficiary_id, month)`);

    await q.query(`
      CREATE TABLE bailleur.rent_payment_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES bailleur.rent_payment (id),
        beneficiary_id uuid NOT NULL,
        previous_received_cents integer NOT NULL,
        previous_received_on date,
        previous_status bailleur.rent_payment_status NOT NULL,
        received_cents integer NOT NULL CHECK (received_cents >= 0),
        received_on date,
        status bailleur.rent_payment_status NOT NULL,
        author_sub text NOT NULL,
        author_org_id uuid NOT NULL,
        corrected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX rent_payment_correction_payment_idx ON bailleur.rent_payment_correction (payment_id, corrected_at)`,
    );

    await q.query(`
      CREATE TABLE bailleur.rent_arrears_declaration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lease_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        months text[] NOT NULL CHECK (cardinality(months) BETWEEN 1 AND 24
          AND array_to_string(months, ',') ~ '^[0-9]{4}-(0[1-9]|1[0-2])(,[0-9]{4}-(0[1-9]|1[0-2]))*$'),
        amount_due_cents integer NOT NULL CHECK (amount_due_cents > 0),
        declared_by text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (lease_id, beneficiary_id) REFERENCES bailleur.lease (id, beneficiary_id)
      )`);
    await q.query(
      `CREATE INDEX rent_arrears_declaration_beneficiary_idx ON bailleur.rent_arrears_declaration (beneficiary_id, declared_at)`,
    );
    await q.query(`CREATE INDEX rent_arrears_declaration_lease_idx ON bailleur.rent_arrears_declaration (lease_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bailleur.rent_arrears_declaration`);
    await q.query(`DROP TABLE bailleur.rent_payment_correction`);
    await q.query(`DROP INDEX bailleur.rent_payment_beneficiary_idx`);
    await q.query(`ALTER TABLE bailleur.rent_payment DROP CONSTRAINT rent_payment_status_check, DROP CONSTRAINT rent_payment_received_cap_check,
      DROP CONSTRAINT rent_payment_lease_beneficiary_fkey, DROP COLUMN beneficiary_id, DROP COLUMN received_on, DROP COLUMN confirmed_by,
      DROP COLUMN confirmed_at, DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE bailleur.direct_payment_order DROP CONSTRAINT direct_payment_order_basis_payer_check,
      DROP CONSTRAINT direct_payment_order_lease_beneficiary_fkey, DROP COLUMN beneficiary_id, DROP COLUMN basis, DROP COLUMN created_by,
      DROP COLUMN created_at, DROP COLUMN ended_by`);
    await q.query(`DROP TYPE bailleur.direct_payment_basis`);
    await q.query(`DROP TABLE bailleur.lease_rent`);
    await q.query(`ALTER TABLE bailleur.lease DROP CONSTRAINT lease_id_beneficiary_key`);
  }
}
