import { MigrationInterface, QueryRunner } from 'typeorm';

const BENEFIT_KINDS = `ARRAY['APL','ALS','APA','ASPA','AVTS','AVTNS','ALLOCATION_MERES_FAMILLE','ALLOCATION_SPECIALE_VIEILLESSE','ALLOCATION_VIAGERE_RAPATRIES','ALLOCATION_VIEILLESSE_AGRICOLE','ALLOCATION_SUPPLEMENTAIRE','ASI','AAH','ACTP','PCH','RSA','PAJE','AF','CF','ALF','AEEH','ASF','ARS','AJPP','RENTE_ORPHELINS_AT','ALLOCATION_SERVICES_MENAGERS','ALLOCATION_DIFFERENTIELLE','PCH_III']::text[]`;

/**
 * The délégataire's money (CASF L271-2, L271-3): managed benefits, benefits received, monthly budget plans, the
 * managed account and its ledger, overdraft authorisations, and the bilans.
 *
 * The ledger cannot be silently wrong: amounts are integer cents; the account row holds the balance and the last
 * sequence number, and only the ledger's insert trigger may change them (it locks the row, numbers the operation and
 * computes `balance_after_cents` in the inserting transaction); operations are append-only; a negative balance needs
 * an overdraft authorisation of the same file, whose limit the row copies under a composite foreign key.
 */
export class BudgetLedger1764200000000 implements MigrationInterface {
  name = 'BudgetLedger1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Files: the managed benefits; a measure may be delegated again once its previous file is closed.
    await q.query(`ALTER TABLE association.delegated_file
      ADD COLUMN managed_benefits text[] NOT NULL DEFAULT '{}' CHECK (managed_benefits <@ ${BENEFIT_KINDS}),
      ADD CONSTRAINT delegated_file_id_beneficiary_key UNIQUE (id, beneficiary_id)`);
    await q.query(`ALTER TABLE association.delegated_file DROP CONSTRAINT delegated_file_measure_id_key`);
    await q.query(
      `CREATE UNIQUE INDEX delegated_file_open_measure_key ON association.delegated_file (measure_id) WHERE status <> 'CLOSED'`,
    );

    await q.query(`
      CREATE TABLE association.delegated_benefit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind = ANY (${BENEFIT_KINDS})),
        monthly_amount_cents integer NOT NULL CHECK (monthly_amount_cents > 0),
        paying_body text NOT NULL CHECK (length(trim(paying_body)) > 0),
        recorded_by_sub text NOT NULL,
        recorded_by_org_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (file_id, kind),
        FOREIGN KEY (file_id, beneficiary_id) REFERENCES association.delegated_file (id, beneficiary_id)
      )`);
    // CASF L271-2: only a benefit the contract manages may be received on the person's behalf.
    await q.query(`
      CREATE FUNCTION association.delegated_benefit_is_managed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM association.delegated_file f WHERE f.id = NEW.file_id AND NEW.kind = ANY (f.managed_benefits)) THEN
          RAISE EXCEPTION 'BENEFIT_NOT_MANAGED: % is not managed by file %', NEW.kind, NEW.file_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER delegated_benefit_is_managed BEFORE INSERT OR UPDATE ON association.delegated_benefit
      FOR EACH ROW EXECUTE FUNCTION association.delegated_benefit_is_managed()`);

    // Monthly budget plans: totals as columns, so that the L271-2 rules hold in the database too.
    await q.query(`
      CREATE TABLE association.delegated_budget_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        lines jsonb NOT NULL CHECK (jsonb_typeof(lines) = 'array'),
        rent_due_cents integer NOT NULL CHECK (rent_due_cents >= 0),
        resources_cents integer NOT NULL CHECK (resources_cents >= 0),
        earmarked_housing_cents integer NOT NULL CHECK (earmarked_housing_cents >= 0),
        earmarked_care_cents integer NOT NULL CHECK (earmarked_care_cents >= 0),
        rent_and_charges_cents integer NOT NULL CHECK (rent_and_charges_cents >= 0),
        care_cents integer NOT NULL CHECK (care_cents >= 0),
        other_charges_cents integer NOT NULL CHECK (other_charges_cents >= 0),
        reste_a_vivre_cents integer NOT NULL CHECK (reste_a_vivre_cents >= 0),
        author_sub text NOT NULL,
        author_org_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (file_id, month),
        FOREIGN KEY (file_id, beneficiary_id) REFERENCES association.delegated_file (id, beneficiary_id),
        CHECK (earmarked_housing_cents + earmarked_care_cents <= resources_cents),
        CHECK (reste_a_vivre_cents = resources_cents - rent_and_charges_cents - care_cents - other_charges_cents),
        CONSTRAINT rent_and_charges_first CHECK (rent_and_charges_cents >= LEAST(rent_due_cents, resources_cents - earmarked_care_cents)),
        CONSTRAINT housing_aid_on_rent CHECK (rent_and_charges_cents >= earmarked_housing_cents),
        CONSTRAINT care_benefits_on_care CHECK (care_cents >= earmarked_care_cents)
      )`);

    // The managed account: one per file. Balance and sequence change only through the ledger trigger.
    await q.query(`
      CREATE TABLE association.delegated_account (
        file_id uuid PRIMARY KEY,
        beneficiary_id uuid NOT NULL,
        balance_cents integer NOT NULL DEFAULT 0,
        last_seq integer NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        FOREIGN KEY (file_id, beneficiary_id) REFERENCES association.delegated_file (id, beneficiary_id)
      )`);
    await q.query(`
      CREATE TABLE association.delegated_overdraft (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL REFERENCES association.delegated_account (file_id),
        beneficiary_id uuid NOT NULL,
        limit_cents integer NOT NULL CHECK (limit_cents > 0),
        valid_from date NOT NULL,
        valid_until date,
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        authorised_by_sub text NOT NULL,
        authorised_by_org_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_until >= valid_from),
        UNIQUE (id, file_id, limit_cents)
      )`);
    await q.query(`
      CREATE TABLE association.delegated_operation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL REFERENCES association.delegated_account (file_id),
        beneficiary_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        kind text NOT NULL CHECK (kind IN ('RECEIPT', 'RENT_PAYMENT', 'CARE_PAYMENT', 'TRANSFER_TO_PERSON', 'OTHER_PAYMENT')),
        amount_cents integer NOT NULL CHECK (amount_cents > 0),
        balance_after_cents integer NOT NULL,
        operated_on date NOT NULL,
        label text NOT NULL CHECK (length(trim(label)) > 0),
        benefit_kind text CHECK (benefit_kind = ANY (${BENEFIT_KINDS})),
        overdraft_id uuid,
        overdraft_limit_cents integer,
        author_sub text NOT NULL,
        author_org_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (file_id, seq),
        CHECK ((kind = 'RECEIPT') = (benefit_kind IS NOT NULL)),
        FOREIGN KEY (overdraft_id, file_id, overdraft_limit_cents) REFERENCES association.delegated_overdraft (id, file_id, limit_cents),
        CONSTRAINT no_negative_balance_without_overdraft
          CHECK (balance_after_cents >= 0 OR (overdraft_id IS NOT NULL AND balance_after_cents >= -overdraft_limit_cents))
      )`);
    await q.query(
      `CREATE INDEX delegated_operation_month_idx ON association.delegated_operation (file_id, operated_on)`,
    );
    // Numbering and balance: computed here, under the account's row lock, in the inserting transaction.
    await q.query(`
      CREATE FUNCTION association.delegated_operation_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE acc association.delegated_account%ROWTYPE;
      BEGIN
        SELECT * INTO acc FROM association.delegated_account WHERE file_id = NEW.file_id FOR UPDATE;
        IF NOT FOUND THEN RAISE EXCEPTION 'no managed account for file %', NEW.file_id USING ERRCODE = 'foreign_key_violation'; END IF;
        IF acc.beneficiary_id <> NEW.beneficiary_id THEN RAISE EXCEPTION 'operation person differs from the account''s' USING ERRCODE = 'check_violation'; END IF;
        NEW.seq := acc.last_seq + 1;
        NEW.balance_after_cents := acc.balance_cents + CASE WHEN NEW.kind = 'RECEIPT' THEN NEW.amount_cents ELSE -NEW.amount_cents END;
        UPDATE association.delegated_account SET balance_cents = NEW.balance_after_cents, last_seq = NEW.seq WHERE file_id = NEW.file_id;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER delegated_operation_chain BEFORE INSERT ON association.delegated_operation
      FOR EACH ROW EXECUTE FUNCTION association.delegated_operation_chain()`);
    await q.query(`
      CREATE FUNCTION association.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER delegated_operation_append_only BEFORE UPDATE OR DELETE ON association.delegated_operation
      FOR EACH ROW EXECUTE FUNCTION association.refuse_change()`);
    await q.query(`
      CREATE FUNCTION association.delegated_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 AND (NEW.balance_cents IS DISTINCT FROM OLD.balance_cents OR NEW.last_seq IS DISTINCT FROM OLD.last_seq) THEN
          RAISE EXCEPTION 'the balance of a managed account changes only through its ledger' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER delegated_account_guard BEFORE UPDATE ON association.delegated_account
      FOR EACH ROW EXECUTE FUNCTION association.delegated_account_guard()`);
    await q.query(`CREATE TRIGGER delegated_account_no_delete BEFORE DELETE ON association.delegated_account
      FOR EACH ROW EXECUTE FUNCTION association.refuse_change()`);
    await q.query(
      `ALTER TABLE association.delegated_account ADD CONSTRAINT balance_starts_at_zero CHECK (last_seq > 0 OR balance_cents = 0)`,
    );

    await q.query(`
      CREATE TABLE association.delegation_bilan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PROGRESS', 'FINAL')),
        written_on date NOT NULL,
        summary text NOT NULL CHECK (length(trim(summary)) > 0),
        author_sub text NOT NULL,
        author_org_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (file_id, beneficiary_id) REFERENCES association.delegated_file (id, beneficiary_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX delegation_bilan_one_final ON association.delegation_bilan (file_id) WHERE kind = 'FINAL'`,
    );
    await q.query(`CREATE INDEX delegation_bilan_file_idx ON association.delegation_bilan (file_id, written_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE association.delegation_bilan, association.delegated_operation, association.delegated_overdraft, association.delegated_account, association.delegated_budget_plan, association.delegated_benefit`,
    );
    await q.query(
      `DROP FUNCTION association.delegated_account_guard(), association.refuse_change(), association.delegated_operation_chain(), association.delegated_benefit_is_managed()`,
    );
    await q.query(`DROP INDEX association.delegated_file_open_measure_key`);
    await q.query(
      `ALTER TABLE association.delegated_file ADD CONSTRAINT delegated_file_measure_id_key UNIQUE (measure_id)`,
    );
    await q.query(
      `ALTER TABLE association.delegated_file DROP CONSTRAINT delegated_file_id_beneficiary_key, DROP COLUMN managed_benefits`,
    );
  }
}
