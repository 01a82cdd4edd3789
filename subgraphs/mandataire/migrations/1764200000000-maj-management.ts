import { MigrationInterface, QueryRunner } from 'typeorm';
import { BENEFITS, BenefitKind, BenefitTier } from '../../../schema/benefits';

const BENEFIT_KINDS = Object.values(BenefitKind)
  .map((b) => `'${b}'`)
  .join(', ');
const EXTENSION_KINDS = Object.values(BenefitKind)
  .filter((b) => BENEFITS[b].tier === BenefitTier.EXTENSION)
  .map((b) => `'${b}'`)
  .join(', ');
const RECEIPTS = `'BENEFIT', 'EARNED_INCOME', 'REFUND', 'OTHER_RECEIPT'`;
const PAYMENTS = `'RENT_TO_LANDLORD', 'HOUSING_CHARGES', 'ENERGY', 'INSURANCE', 'DEBT_REPAYMENT', 'LIVING_ALLOWANCE', 'OTHER_PAYMENT'`;

/**
 * The MAJ as the law shapes it (C. civ. 495…495-9): benefits covered, procureur's request, renewals (≤ 24 months each,
 * ≤ 48 in all), the end and its reason, the protection measures that exclude it, and the person's account with its
 * ledger (integer cents, running balance kept under a row lock, never negative, append-only).
 */
export class MajManagement1764200000000 implements MigrationInterface {
  name = 'MajManagement1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE mandataire.benefit_kind AS ENUM (${BENEFIT_KINDS})`);
    await q.query(
      `CREATE TYPE mandataire.maj_end_reason AS ENUM ('TERM', 'MAINLEVEE', 'PROTECTION_MEASURE_OPENED', 'DEATH', 'MOVE')`,
    );
    await q.query(
      `CREATE TYPE mandataire.maj_protection_kind AS ENUM ('SAUVEGARDE_DE_JUSTICE', 'CURATELLE', 'TUTELLE', 'MANDAT_PROTECTION_FUTURE', 'HABILITATION_FAMILIALE')`,
    );
    await q.query(`CREATE TYPE mandataire.maj_account_direction AS ENUM ('RECEIPT', 'PAYMENT')`);
    await q.query(`CREATE TYPE mandataire.maj_account_operation_kind AS ENUM (${RECEIPTS}, ${PAYMENTS})`);

    // The judgment's particulars; renewals move ends_on, so the 24-month CHECK of the init moves to initial_ends_on.
    await q.query(`
      ALTER TABLE mandataire.judicial_measure
        ADD COLUMN procureur_request_reference text,
        ADD COLUMN report_reference text,
        ADD COLUMN benefits_covered mandataire.benefit_kind[] NOT NULL DEFAULT '{}',
        ADD COLUMN extension_ordered boolean NOT NULL DEFAULT false,
        ADD COLUMN initial_ends_on date,
        ADD COLUMN ended_on date,
        ADD COLUMN end_reason mandataire.maj_end_reason,
        ADD COLUMN recorded_by_sub text,
        ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE mandataire.judicial_measure SET initial_ends_on = ends_on`);
    await q.query(
      `UPDATE mandataire.judicial_measure SET ended_on = LEAST(ends_on, current_date), end_reason = 'TERM' WHERE status = 'ENDED'`,
    );
    await q.query(`ALTER TABLE mandataire.judicial_measure ALTER COLUMN initial_ends_on SET NOT NULL`);
    await q.query(`
      DO $$ DECLARE c record; BEGIN
        FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'mandataire.judicial_measure'::regclass AND contype = 'c'
                 AND pg_get_constraintdef(oid) LIKE '%interval%' LOOP
          EXECUTE format('ALTER TABLE mandataire.judicial_measure DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`);
    await q.query(`
      ALTER TABLE mandataire.judicial_measure
        ADD CONSTRAINT judicial_measure_term_check CHECK (initial_ends_on > starts_on AND initial_ends_on <= starts_on + interval '24 months'),
        ADD CONSTRAINT judicial_measure_total_check CHECK (ends_on >= initial_ends_on AND ends_on <= starts_on + interval '48 months'),
        ADD CONSTRAINT judicial_measure_extension_check CHECK (extension_ordered OR NOT (benefits_covered && ARRAY[${EXTENSION_KINDS}]::mandataire.benefit_kind[])),
        ADD CONSTRAINT judicial_measure_end_check CHECK (
          (status = 'ENDED') = (ended_on IS NOT NULL) AND (ended_on IS NULL) = (end_reason IS NULL)
          AND (ended_on IS NULL OR ended_on BETWEEN starts_on AND ends_on))`);
    // One running MAJ per person, whichever service runs it.
    await q.query(
      `CREATE UNIQUE INDEX judicial_measure_one_active_idx ON mandataire.judicial_measure (beneficiary_id) WHERE status = 'ACTIVE'`,
    );

    await q.query(`
      CREATE TABLE mandataire.judicial_measure_renewal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        judicial_measure_id uuid NOT NULL REFERENCES mandataire.judicial_measure (id),
        beneficiary_id uuid NOT NULL,
        decided_on date NOT NULL,
        previous_ends_on date NOT NULL,
        new_ends_on date NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (new_ends_on > previous_ends_on AND new_ends_on <= previous_ends_on + interval '24 months'),
        UNIQUE (judicial_measure_id, previous_ends_on)
      )`);
    await q.query(
      `CREATE INDEX judicial_measure_renewal_measure_idx ON mandataire.judicial_measure_renewal (judicial_measure_id, previous_ends_on)`,
    );

    await q.query(`
      CREATE TABLE mandataire.protection_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL,
        kind mandataire.maj_protection_kind NOT NULL,
        opened_on date NOT NULL,
        ends_on date,
        court text,
        reference text,
        ended_judicial_measure_id uuid REFERENCES mandataire.judicial_measure (id),
        recorded_by_org_id uuid NOT NULL,
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on IS NULL OR ends_on >= opened_on)
      )`);
    await q.query(
      `CREATE INDEX protection_measure_beneficiary_idx ON mandataire.protection_measure (beneficiary_id, opened_on)`,
    );

    await q.query(`CREATE TYPE mandataire.maj_report_kind AS ENUM ('ANNUAL', 'RENEWAL_REQUEST', 'FINAL')`);
    await q.query(`
      CREATE TABLE mandataire.maj_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        judicial_measure_id uuid NOT NULL REFERENCES mandataire.judicial_measure (id),
        beneficiary_id uuid NOT NULL,
        kind mandataire.maj_report_kind NOT NULL,
        written_on date NOT NULL,
        content text NOT NULL CHECK (length(btrim(content)) BETWEEN 1 AND 20000),
        recorded_by_org_id uuid NOT NULL,
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX maj_report_measure_idx ON mandataire.maj_report (judicial_measure_id, written_on)`);

    await q.query(`
      CREATE TABLE mandataire.maj_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        judicial_measure_id uuid NOT NULL UNIQUE REFERENCES mandataire.judicial_measure (id),
        beneficiary_id uuid NOT NULL,
        balance_cents bigint NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
        last_operation_id uuid,
        last_operation_date date,
        CHECK ((last_operation_id IS NULL) = (last_operation_date IS NULL))
      )`);
    await q.query(`
      CREATE TABLE mandataire.maj_account_operation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        account_id uuid NOT NULL REFERENCES mandataire.maj_account (id),
        judicial_measure_id uuid NOT NULL REFERENCES mandataire.judicial_measure (id),
        beneficiary_id uuid NOT NULL,
        previous_operation_id uuid REFERENCES mandataire.maj_account_operation (id),
        direction mandataire.maj_account_direction NOT NULL,
        kind mandataire.maj_account_operation_kind NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        balance_after_cents bigint NOT NULL CHECK (balance_after_cents >= 0),
        operation_date date NOT NULL,
        label text,
        benefit_kind mandataire.benefit_kind,
        lease_id uuid,
        recorded_by_org_id uuid NOT NULL,
        recorded_by_sub text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT maj_account_operation_chain_key UNIQUE NULLS NOT DISTINCT (account_id, previous_operation_id),
        CHECK (direction = (CASE WHEN kind IN (${RECEIPTS}) THEN 'RECEIPT' ELSE 'PAYMENT' END)::mandataire.maj_account_direction),
        CHECK ((kind = 'RENT_TO_LANDLORD') = (lease_id IS NOT NULL)),
        CHECK ((kind = 'BENEFIT') = (benefit_kind IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX maj_account_operation_measure_idx ON mandataire.maj_account_operation (judicial_measure_id, seq)`,
    );
    await q.query(
      `ALTER TABLE mandataire.maj_account ADD CONSTRAINT maj_account_last_operation_fk FOREIGN KEY (last_operation_id) REFERENCES mandataire.maj_account_operation (id) DEFERRABLE INITIALLY DEFERRED`,
    );
    // The ledger checks itself: each balance follows from the previous one; nothing is rewritten.
    await q.query(`
      CREATE FUNCTION mandataire.maj_account_operation_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE previous bigint; previous_date date; delta bigint;
      BEGIN
        IF TG_OP <> 'INSERT' THEN RAISE EXCEPTION 'maj_account_operation is append-only'; END IF;
        IF NEW.previous_operation_id IS NULL THEN
          previous := 0;
        ELSE
          SELECT balance_after_cents, operation_date INTO previous, previous_date FROM mandataire.maj_account_operation
            WHERE id = NEW.previous_operation_id AND account_id = NEW.account_id;
          IF previous IS NULL THEN RAISE EXCEPTION 'previous operation belongs to another account'; END IF;
          IF NEW.operation_date < previous_date THEN RAISE EXCEPTION 'operation dated before the previous one'; END IF;
        END IF;
        delta := CASE WHEN NEW.direction = 'RECEIPT' THEN NEW.amount_cents ELSE -NEW.amount_cents END;
        IF NEW.balance_after_cents <> previous + delta THEN
          RAISE EXCEPTION 'balance_after_cents does not follow from the previous operation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER maj_account_operation_check BEFORE INSERT OR UPDATE OR DELETE ON mandataire.maj_account_operation
        FOR EACH ROW EXECUTE FUNCTION mandataire.maj_account_operation_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mandataire.maj_account_operation CASCADE`);
    await q.query(`DROP FUNCTION mandataire.maj_account_operation_check()`);
    await q.query(`DROP TABLE mandataire.maj_account`);
    await q.query(`DROP TABLE mandataire.maj_report`);
    await q.query(`DROP TABLE mandataire.protection_measure`);
    await q.query(`DROP TABLE mandataire.judicial_measure_renewal`);
    await q.query(`DROP INDEX mandataire.judicial_measure_one_active_idx`);
    await q.query(`ALTER TABLE mandataire.judicial_measure DROP CONSTRAINT judicial_measure_term_check, DROP CONSTRAINT judicial_measure_total_check,
      DROP CONSTRAINT judicial_measure_extension_check, DROP CONSTRAINT judicial_measure_end_check`);
    await q.query(`ALTER TABLE mandataire.judicial_measure DROP COLUMN procureur_request_reference, DROP COLUMN report_reference, DROP COLUMN benefits_covered,
      DROP COLUMN extension_ordered, DROP COLUMN initial_ends_on, DROP COLUMN ended_on, DROP COLUMN end_reason, DROP COLUMN recorded_by_sub, DROP COLUMN recorded_at`);
    await q.query(`ALTER TABLE mandataire.judicial_measure ADD CHECK (ends_on <= starts_on + interval '24 months')`);
    for (const t of [
      'maj_report_kind',
      'maj_account_operation_kind',
      'maj_account_direction',
      'maj_protection_kind',
      'maj_end_reason',
      'benefit_kind',
    ])
      await q.query(`DROP TYPE mandataire.${t}`);
  }
}
