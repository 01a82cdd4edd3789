import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE association.delegated_file_status AS ENUM ('ACTIVE', 'CLOSING', 'CLOSED')`);
    await q.query(`
      CREATE TABLE association.delegated_file (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        measure_id uuid NOT NULL UNIQUE,
        beneficiary_id uuid NOT NULL,
        association_org_id uuid NOT NULL,
        worker_sub text NOT NULL,
        status association.delegated_file_status NOT NULL,
        started_on date NOT NULL,
        ended_on date,
        monthly_resources_cents integer NOT NULL CHECK (monthly_resources_cents >= 0),
        rent_and_charges_cents integer NOT NULL CHECK (rent_and_charges_cents >= 0),
        handover_summary text NOT NULL,
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(`CREATE INDEX delegated_file_org_idx ON association.delegated_file (association_org_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE association.delegated_file`);
    await q.query(`DROP TYPE association.delegated_file_status`);
  }
}
