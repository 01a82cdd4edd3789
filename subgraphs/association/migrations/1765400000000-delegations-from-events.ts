import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the delegations the département granted to the associations, as its events told them (CASF L271-3): a
 * delegated file opens only for one of them, takes its managed benefits from the contract, and its reach ends at the
 * delegation's end plus the département's closing window (dates copied onto the file, compared with today).
 */
export class DelegationsFromEvents1765400000000 implements MigrationInterface {
  name = 'DelegationsFromEvents1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE association.delegation (
        id uuid PRIMARY KEY,
        measure_id uuid NOT NULL,
        beneficiary_id uuid NOT NULL,
        association_org_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reach_ends_on date NOT NULL,
        managed_benefits text[] NOT NULL,
        benefits_effective_on date,
        end_reason text,
        granted_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on),
        CHECK (reach_ends_on >= ends_on)
      )`);
    await q.query(`CREATE INDEX delegation_measure_idx ON association.delegation (measure_id)`);
    await q.query(`ALTER TABLE association.delegated_file
      ADD COLUMN delegation_id uuid REFERENCES association.delegation (id),
      ADD COLUMN delegation_ends_on date,
      ADD COLUMN reach_ends_on date`);
    await q.query(`CREATE INDEX delegated_file_delegation_idx ON association.delegated_file (delegation_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE association.delegated_file
      DROP COLUMN reach_ends_on, DROP COLUMN delegation_ends_on, DROP COLUMN delegation_id`);
    await q.query(`DROP TABLE association.delegation`);
  }
}
