import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (letters): the contract is proposed, then accepted (signed) or refused, and a refusal names what was
 * proposed (the ground of an L271-5 request); every decision a person can contest is notified by a stored letter
 * (PDF) with its voies et délais de recours, whose deadline runs from the notification; the L271-6 pack for the
 * parquet (the report, and its medical annex as a separate document).
 */
export class LettersProposalsDocuments1766300000000 implements MigrationInterface {
  name = 'LettersProposalsDocuments1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department.contract_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        level text NOT NULL CHECK (level IN ('MASP_1', 'MASP_2')),
        starts_on date NOT NULL,
        months integer NOT NULL CHECK (months > 0),
        objectives text NOT NULL,
        engagements text NOT NULL,
        managed_benefits text[] NOT NULL DEFAULT '{}',
        extension_justification text,
        proposed_on date NOT NULL,
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ACCEPTED', 'REFUSED')),
        answered_on date,
        measure_id uuid REFERENCES department.measure (id),
        author_sub text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'PROPOSED') = (answered_on IS NULL)),
        CHECK ((status = 'ACCEPTED') = (measure_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX contract_proposal_beneficiary_idx ON department.contract_proposal (beneficiary_id)`);
    // a refusal of a proposal is tied to it, once
    await q.query(`ALTER TABLE department.contract_refusal
      ADD COLUMN proposal_id uuid REFERENCES department.contract_proposal (id)`);
    await q.query(
      `CREATE UNIQUE INDEX contract_refusal_one_per_proposal_idx ON department.contract_refusal (proposal_id) WHERE proposal_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE department.decision_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        decision_kind text NOT NULL,
        subject_id uuid NOT NULL,
        decided_on date NOT NULL,
        notified_on date NOT NULL,
        contest_until date NOT NULL CHECK (contest_until > notified_on),
        pdf bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decision_letter_beneficiary_idx ON department.decision_letter (beneficiary_id)`);
    await q.query(`CREATE INDEX decision_letter_subject_idx ON department.decision_letter (subject_id)`);
    await q.query(`CREATE INDEX decision_letter_contest_idx ON department.decision_letter (contest_until)`);
    await q.query(`
      CREATE TABLE department.report_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        report_id uuid NOT NULL REFERENCES department.l271_6_report (id),
        kind text NOT NULL CHECK (kind IN ('L271_6_REPORT', 'MEDICAL_ANNEX')),
        generated_on date NOT NULL,
        pdf bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_id, kind)
      )`);
    await q.query(`CREATE INDEX report_document_beneficiary_idx ON department.report_document (beneficiary_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.report_document`);
    await q.query(`DROP TABLE department.decision_letter`);
    await q.query(`DROP INDEX department.contract_refusal_one_per_proposal_idx`);
    await q.query(`ALTER TABLE department.contract_refusal DROP COLUMN proposal_id`);
    await q.query(`DROP TABLE department.contract_proposal`);
  }
}
