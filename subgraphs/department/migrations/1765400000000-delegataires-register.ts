import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the register of délégataires (CASF L271-3: the kinds of organisation a MASP 2 may be delegated to, and
 * their dated conventions with the département); a delegation names the convention it was granted under; the closing
 * window of a délégataire's file after its delegation ends is a dated département parameter.
 */
export class DelegatairesRegister1765400000000 implements MigrationInterface {
  name = 'DelegatairesRegister1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE department.delegataire_kind AS ENUM ('ASSOCIATION', 'CCAS', 'CIAS', 'COLLECTIVITE', 'EPCI', 'ORGANISME_DEBITEUR')`,
    );
    await q.query(`
      CREATE TABLE department.delegataire (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        kind department.delegataire_kind NOT NULL,
        siret text UNIQUE CHECK (siret ~ '^[0-9]{14}$'),
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE department.delegation_convention (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES department.delegataire (id),
        reference text NOT NULL CHECK (length(trim(reference)) > 0),
        signed_on date NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        UNIQUE (organisation_id, reference),
        CHECK (ends_on IS NULL OR ends_on > starts_on)
      )`);
    await q.query(
      `ALTER TABLE department.delegation ADD COLUMN convention_id uuid REFERENCES department.delegation_convention (id)`,
    );
    // Contracts past their term, found by the scheduled job that ends them (CASF L271-2).
    await q.query(`CREATE INDEX measure_active_ends_on_idx ON department.measure (ends_on) WHERE status = 'ACTIVE'`);
    await q.query(`INSERT INTO department.parameter (key, valid_from, value, source) VALUES
        ('DELEGATION_CLOSING_WINDOW_MONTHS', '2007-03-05', 2,
         'Pratique départementale : délai de remise du bilan de fin de délégation (CASF L271-3)')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM department.parameter WHERE key = 'DELEGATION_CLOSING_WINDOW_MONTHS'`);
    await q.query(`DROP INDEX department.measure_active_ends_on_idx`);
    await q.query(`ALTER TABLE department.delegation DROP COLUMN convention_id`);
    await q.query(`DROP TABLE department.delegation_convention`);
    await q.query(`DROP TABLE department.delegataire`);
    await q.query(`DROP TYPE department.delegataire_kind`);
  }
}
