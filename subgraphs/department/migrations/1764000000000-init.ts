import { MigrationInterface, QueryRunner } from 'typeorm';

/** Persons, measures, and the registry of habilitations (delegations to associations, MAJ notices). */
export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE department.measure_level AS ENUM ('MASP_1', 'MASP_2', 'MASP_3')`);
    await q.query(`CREATE TYPE department.measure_status AS ENUM ('PROPOSED', 'ACTIVE', 'ENDED')`);
    await q.query(`
      CREATE TABLE department.beneficiary (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        last_name text NOT NULL,
        first_name text NOT NULL,
        birth_date date NOT NULL,
        address text NOT NULL,
        phone text,
        territory text NOT NULL,
        referent_sub text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX beneficiary_referent_idx ON department.beneficiary (referent_sub)`);
    await q.query(`CREATE INDEX beneficiary_territory_idx ON department.beneficiary (territory)`);
    await q.query(`
      CREATE TABLE department.measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        level department.measure_level NOT NULL,
        status department.measure_status NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        CHECK (ends_on > starts_on)
      )`);
    await q.query(`CREATE INDEX measure_beneficiary_idx ON department.measure (beneficiary_id)`);
    await q.query(`
      CREATE TABLE department.delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL REFERENCES department.measure (id),
        association_org_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX delegation_measure_idx ON department.delegation (measure_id)`);
    await q.query(`CREATE INDEX delegation_org_idx ON department.delegation (association_org_id)`);
    await q.query(`
      CREATE TABLE department.maj_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL REFERENCES department.beneficiary (id),
        mandataire_org_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX maj_notice_beneficiary_idx ON department.maj_notice (beneficiary_id)`);
    await q.query(`CREATE INDEX maj_notice_org_idx ON department.maj_notice (mandataire_org_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.maj_notice`);
    await q.query(`DROP TABLE department.delegation`);
    await q.query(`DROP TABLE department.measure`);
    await q.query(`DROP TABLE department.beneficiary`);
    await q.query(`DROP TYPE department.measure_status`);
    await q.query(`DROP TYPE department.measure_level`);
  }
}
