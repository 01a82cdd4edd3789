import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764000000000 implements MigrationInterface {
  name = 'Init1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE mandataire.judicial_measure_status AS ENUM ('ACTIVE', 'ENDED')`);
    await q.query(`
      CREATE TABLE mandataire.judicial_measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        beneficiary_id uuid NOT NULL,
        mandataire_org_id uuid NOT NULL,
        court text NOT NULL,
        judgment_date date NOT NULL,
        reference text NOT NULL,
        status mandataire.judicial_measure_status NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        CHECK (ends_on > starts_on),
        CHECK (ends_on <= starts_on + interval '24 months')
      )`);
    await q.query(`CREATE INDEX judicial_measure_org_idx ON mandataire.judicial_measure (mandataire_org_id, id)`);
    await q.query(`CREATE INDEX judicial_measure_beneficiary_idx ON mandataire.judicial_measure (beneficiary_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mandataire.judicial_measure`);
    await q.query(`DROP TYPE mandataire.judicial_measure_status`);
  }
}
