import { MigrationInterface, QueryRunner } from 'typeorm';
import { BenefitKind } from '../../../schema/benefits';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const BENEFIT_KINDS = list(Object.values(BenefitKind));
const PROTECTIONS = list([
  'TUTELLE',
  'CURATELLE',
  'SAUVEGARDE_JUSTICE',
  'MANDAT_PROTECTION_FUTURE',
  'HABILITATION_FAMILIALE',
]);
const END_REASONS = list([
  'AUTONOMY',
  'TERM',
  'WITHDRAWAL',
  'LOSS_OF_ELIGIBILITY',
  'MOVE',
  'DEATH',
  'PROTECTION_MEASURE_OPENED',
  'REFERRAL_TO_MAJ',
  'REFUSAL_OR_BREACH',
  'PCD_REQUEST',
  'MAINLEVEE',
]);

/**
 * The département's case management (CASF L271-1…7): households, benefits received, protection measures, eligibility
 * checks, evaluations and the medical annex, contract terms and avenants, contributions, delegations' conventions,
 * the L271-5 and L271-6 procedures, and the dated parameters (term bounds, contribution scale, reste-à-vivre floor).
 */
export class CaseManagement1764200000000 implements MigrationInterface {
  name = 'CaseManagement1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // Dated, versioned parameters: the value in force on a date is the one with the latest valid_from <= that date.
    await q.query(`
      CREATE TABLE department.parameter (
        key text NOT NULL,
        valid_from date NOT NULL,
        value bigint NOT NULL CHECK (value >= 0),
        source text NOT NULL,
        PRIMARY KEY (key, valid_from)
      )`);
    // ⚠ AAH and SMIC amounts from memory (schema/domain.md › MASP contract): dated rows, to be checked and updated by
    // the département.
    await q.query(`
      INSERT INTO department.parameter (key, valid_from, value, source) VALUES
        ('CONTRACT_MIN_MONTHS', '2007-03-05', 6, 'CASF L271-2'),
        ('CONTRACT_MAX_MONTHS', '2007-03-05', 24, 'CASF L271-2'),
        ('TOTAL_MAX_MONTHS', '2007-03-05', 48, 'CASF L271-2'),
        ('AAH_ANNUAL_CENTS', '2024-04-01', 1219260, 'AAH 1 016,05 €/mois (avril 2024)'),
        ('AAH_ANNUAL_CENTS', '2025-04-01', 1239984, 'AAH 1 033,32 €/mois (avril 2025)'),
        ('SMIC_ANNUAL_CENTS', '2024-01-01', 2120304, 'SMIC brut 1 766,92 €/mois (janvier 2024)'),
        ('SMIC_ANNUAL_CENTS', '2024-11-01', 2162160, 'SMIC brut 1 801,80 €/mois (novembre 2024)'),
        ('RESTE_A_VIVRE_FLOOR_CENTS', '2007-03-05', 40000, 'Paramètre départemental : reste à vivre minimal, personne seule'),
        ('RESTE_A_VIVRE_PER_DEPENDANT_CENTS', '2007-03-05', 15000, 'Paramètre départemental : par personne à charge'),
        ('STATS_SMALL_CELL', '2010-03-17', 5, 'CASF L271-7 / CNIL : cellules < 5 masquées')`);

    // Persons and households.
    await q.query(`ALTER TABLE department.beneficiary
      ADD COLUMN sex text CHECK (sex IN ('F', 'M', 'X')),
      ADD COLUMN household_type text CHECK (household_type IN ('SINGLE', 'COUPLE', 'SINGLE_PARENT', 'COUPLE_WITH_CHILDREN', 'OTHER')),
      ADD COLUMN dependants integer NOT NULL DEFAULT 0 CHECK (dependants >= 0),
      ADD COLUMN referred_on date,
      ADD COLUMN referral_source text`);

    await q.query(`
      CREATE TABLE department.benefit_received (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        kind text NOT NULL CHECK (kind IN (${BENEFIT_KINDS})),
        monthly_amount_cents integer NOT NULL CHECK (monthly_amount_cents >= 0),
        paying_body text NOT NULL,
        tiers_payant boolean NOT NULL DEFAULT false,
        starts_on date NOT NULL,
        ends_on date,
        CHECK (ends_on IS NULL OR ends_on > starts_on)
      )`);
    await q.query(`CREATE INDEX benefit_received_beneficiary_idx ON department.benefit_received (beneficiary_id)`);

    await q.query(`
      CREATE TABLE department.protection_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        kind text NOT NULL CHECK (kind IN (${PROTECTIONS})),
        starts_on date NOT NULL,
        ends_on date,
        court text,
        CHECK (ends_on IS NULL OR ends_on > starts_on)
      )`);
    await q.query(`CREATE INDEX protection_measure_beneficiary_idx ON department.protection_measure (beneficiary_id)`);

    await q.query(`
      CREATE TABLE department.eligibility_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        checked_on date NOT NULL,
        checked_by text NOT NULL,
        threat_to_health_or_safety text,
        capacity_to_consent boolean NOT NULL,
        protection_override text,
        eligible boolean NOT NULL,
        refusals text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (eligible = (cardinality(refusals) = 0))
      )`);
    await q.query(
      `CREATE INDEX eligibility_check_beneficiary_idx ON department.eligibility_check (beneficiary_id, checked_on DESC, created_at DESC)`,
    );

    // Evaluations (collecte, diagnostic, évaluation des résultats), with the fields of the CASU single form.
    await q.query(`
      CREATE TABLE department.evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        kind text NOT NULL CHECK (kind IN ('COLLECTE', 'DIAGNOSTIC', 'RESULTATS')),
        evaluated_on date NOT NULL,
        author_sub text NOT NULL,
        housing_situation text,
        family_situation text,
        resources_and_charges text,
        debts text,
        health_and_safety text,
        autonomy text,
        needs text,
        diagnosis text,
        handover_summary text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX evaluation_beneficiary_idx ON department.evaluation (beneficiary_id, evaluated_on DESC)`,
    );

    // The contract: objectives, engagements, consent, notification, managed benefits, end, contribution.
    await q.query(`ALTER TABLE department.measure
      ADD COLUMN objectives text,
      ADD COLUMN engagements text,
      ADD COLUMN managed_benefits text[] NOT NULL DEFAULT '{}',
      ADD COLUMN extension_justification text,
      ADD COLUMN consent_recorded_on date,
      ADD COLUMN signed_on date,
      ADD COLUMN notified_on date,
      ADD COLUMN end_reason text CHECK (end_reason IN (${END_REASONS})),
      ADD COLUMN ended_on date,
      ADD COLUMN end_notified_on date,
      ADD COLUMN annual_resources_cents bigint CHECK (annual_resources_cents >= 0),
      ADD COLUMN contribution_monthly_cents integer CHECK (contribution_monthly_cents >= 0),
      ADD COLUMN contribution_decided_on date,
      ADD CONSTRAINT measure_ended_has_reason CHECK (ended_on IS NULL OR end_reason IS NOT NULL)`);
    await q.query(`CREATE INDEX measure_status_ends_idx ON department.measure (status, ends_on)`);
    // CASF L271-2: one MASP contract in force per person (changes go through avenants).
    await q.query(`CREATE UNIQUE INDEX measure_one_open_contract_idx ON department.measure (beneficiary_id)
      WHERE status IN ('PROPOSED', 'ACTIVE') AND level IN ('MASP_1', 'MASP_2')`);

    await q.query(`
      CREATE TABLE department.measure_term (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES department.measure (id),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        seq integer NOT NULL CHECK (seq >= 1),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        months integer NOT NULL CHECK (months BETWEEN 1 AND 24),
        evaluation_id uuid REFERENCES department.evaluation (id),
        decided_on date,
        renewal_exception text,
        UNIQUE (measure_id, seq),
        CHECK (ends_on > starts_on),
        CHECK (seq = 1 OR evaluation_id IS NOT NULL OR renewal_exception IS NOT NULL OR decided_on IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX measure_term_beneficiary_idx ON department.measure_term (beneficiary_id)`);

    await q.query(`
      CREATE TABLE department.avenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES department.measure (id),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        signed_on date NOT NULL,
        from_level department.measure_level NOT NULL,
        to_level department.measure_level NOT NULL,
        managed_benefits text[],
        objectives text,
        engagements text,
        author_sub text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX avenant_measure_idx ON department.avenant (measure_id)`);

    await q.query(`
      CREATE TABLE department.contract_refusal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        kind text NOT NULL CHECK (kind IN ('REFUSAL', 'BREACH')),
        recorded_on date NOT NULL,
        measure_id uuid REFERENCES department.measure (id),
        note text
      )`);
    await q.query(`CREATE INDEX contract_refusal_beneficiary_idx ON department.contract_refusal (beneficiary_id)`);

    // Delegation conventions (CASF L271-3): one open delegation per measure.
    await q.query(`ALTER TABLE department.delegation
      ADD COLUMN convention_ref text,
      ADD COLUMN end_reason text,
      ADD COLUMN beneficiary_id uuid REFERENCES department.beneficiary (id)`);
    await q.query(
      `UPDATE department.delegation d SET beneficiary_id = m.beneficiary_id FROM department.measure m WHERE m.id = d.measure_id`,
    );
    await q.query(`ALTER TABLE department.delegation ALTER COLUMN beneficiary_id SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX delegation_one_open_idx ON department.delegation (measure_id) WHERE ends_on IS NULL`,
    );

    // L271-6: report (JUDICIAL), sealed medical annex (MEDICAL), procureur's decision.
    await q.query(`
      CREATE TABLE department.l271_6_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        status text NOT NULL CHECK (status IN ('DRAFT', 'SENT', 'DECIDED')),
        opened_on date NOT NULL,
        sent_on date,
        social_evaluation text NOT NULL,
        financial_evaluation text NOT NULL,
        actions_bilan text NOT NULL,
        decision_outcome text CHECK (decision_outcome IN ('REFERRED_TO_JUDGE', 'NOT_REFERRED')),
        decided_on date,
        decision_note text,
        CHECK ((status = 'DRAFT') = (sent_on IS NULL)),
        CHECK ((status = 'DECIDED') = (decision_outcome IS NOT NULL AND decided_on IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX l271_6_report_one_open_idx ON department.l271_6_report (beneficiary_id) WHERE status <> 'DECIDED'`,
    );
    await q.query(`
      CREATE TABLE department.medical_annex (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        report_id uuid NOT NULL REFERENCES department.l271_6_report (id),
        written_on date NOT NULL,
        author_sub text NOT NULL,
        content text NOT NULL,
        sealed_on date
      )`);
    await q.query(`CREATE INDEX medical_annex_beneficiary_idx ON department.medical_annex (beneficiary_id)`);
    await q.query(`ALTER TABLE department.maj_notice
      ADD COLUMN report_id uuid REFERENCES department.l271_6_report (id),
      ADD COLUMN judgment_on date,
      ADD COLUMN court text,
      ADD COLUMN reference text`);
    await q.query(
      `CREATE UNIQUE INDEX maj_notice_one_open_idx ON department.maj_notice (beneficiary_id) WHERE ends_on IS NULL`,
    );

    // L271-5: request (with the landlord's declaration), judgments.
    await q.query(`
      CREATE TABLE department.direct_payment_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        status text NOT NULL CHECK (status IN ('FILED', 'GRANTED', 'DISMISSED')),
        requested_on date NOT NULL,
        signed_by text NOT NULL,
        identity_and_address text NOT NULL,
        paying_bodies text[] NOT NULL CHECK (cardinality(paying_bodies) > 0),
        landlord_org_id uuid NOT NULL,
        landlord_name text NOT NULL,
        grounds text NOT NULL,
        declared_arrears_months integer NOT NULL CHECK (declared_arrears_months >= 2),
        landlord_declaration_ref text NOT NULL,
        rent_and_charges_cents integer NOT NULL CHECK (rent_and_charges_cents > 0),
        measure_id uuid REFERENCES department.measure (id)
      )`);
    await q.query(
      `CREATE INDEX direct_payment_request_beneficiary_idx ON department.direct_payment_request (beneficiary_id)`,
    );
    await q.query(`
      CREATE TABLE department.direct_payment_judgment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES department.direct_payment_request (id),
        measure_id uuid NOT NULL REFERENCES department.measure (id),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        term_id uuid REFERENCES department.measure_term (id) ON DELETE SET NULL,
        court text NOT NULL,
        judgment_on date NOT NULL,
        reference text NOT NULL,
        monthly_amount_cents integer NOT NULL CHECK (monthly_amount_cents > 0),
        monthly_resources_cents integer NOT NULL CHECK (monthly_resources_cents >= 0),
        UNIQUE (court, reference)
      )`);
    await q.query(
      `CREATE INDEX direct_payment_judgment_measure_idx ON department.direct_payment_judgment (measure_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['direct_payment_judgment', 'direct_payment_request', 'medical_annex'])
      await q.query(`DROP TABLE department.${t}`);
    await q.query(`DROP INDEX department.maj_notice_one_open_idx`);
    await q.query(`DROP INDEX department.measure_one_open_contract_idx`);
    await q.query(
      `ALTER TABLE department.maj_notice DROP COLUMN report_id, DROP COLUMN judgment_on, DROP COLUMN court, DROP COLUMN reference`,
    );
    for (const t of [
      'l271_6_report',
      'contract_refusal',
      'avenant',
      'measure_term',
      'evaluation',
      'eligibility_check',
      'protection_measure',
      'benefit_received',
      'parameter',
    ]) {
      await q.query(`DROP TABLE department.${t}`);
    }
    await q.query(`DROP INDEX department.delegation_one_open_idx`);
    await q.query(
      `ALTER TABLE department.delegation DROP COLUMN convention_ref, DROP COLUMN end_reason, DROP COLUMN beneficiary_id`,
    );
    await q.query(`DROP INDEX department.measure_status_ends_idx`);
    await q.query(`ALTER TABLE department.measure DROP CONSTRAINT measure_ended_has_reason, DROP COLUMN objectives, DROP COLUMN engagements,
      DROP COLUMN managed_benefits, DROP COLUMN extension_justification, DROP COLUMN consent_recorded_on, DROP COLUMN signed_on, DROP COLUMN notified_on,
      DROP COLUMN end_reason, DROP COLUMN ended_on, DROP COLUMN end_notified_on, DROP COLUMN annual_resources_cents, DROP COLUMN contribution_monthly_cents,
      DROP COLUMN contribution_decided_on`);
    await q.query(
      `ALTER TABLE department.beneficiary DROP COLUMN sex, DROP COLUMN household_type, DROP COLUMN dependants, DROP COLUMN referred_on, DROP COLUMN referral_source`,
    );
  }
}
