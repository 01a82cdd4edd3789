import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: a MAJ is born from the département's notice (C. civ. 495-2, CASF L271-6) and learns the person's leases
 * from the département only. `maj_notice` keeps the notices the département sent (`maj-notice.recorded` / `.closed`),
 * `known_lease` the leases it relayed (`lease.known`); a MAJ names its notice; a protection measure may come from the
 * département (`protection.recorded`), which names no author here.
 */
export class MajFromNotice1765500000000 implements MigrationInterface {
  name = 'MajFromNotice1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mandataire.maj_notice (
        notice_id uuid PRIMARY KEY,
        beneficiary_id uuid NOT NULL,
        mandataire_org_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        judgment_on date,
        court text,
        reference text,
        closed_on date,
        close_reason text,
        received_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on > starts_on),
        CHECK ((closed_on IS NULL) = (close_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX maj_notice_person_idx ON mandataire.maj_notice (beneficiary_id, mandataire_org_id, starts_on)`,
    );
    await q.query(`
      CREATE TABLE mandataire.known_lease (
        lease_id uuid PRIMARY KEY,
        beneficiary_id uuid NOT NULL,
        landlord_org_id uuid NOT NULL,
        mandataire_org_id uuid NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX known_lease_person_idx ON mandataire.known_lease (beneficiary_id)`);
    await q.query(
      `ALTER TABLE mandataire.judicial_measure ADD COLUMN notice_id uuid REFERENCES mandataire.maj_notice (notice_id)`,
    );
    // One MAJ per notice: a second judgment comes with its own notice.
    await q.query(
      `CREATE UNIQUE INDEX judicial_measure_notice_idx ON mandataire.judicial_measure (notice_id) WHERE notice_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE mandataire.protection_measure
        ADD COLUMN source text NOT NULL DEFAULT 'mandataire' CHECK (source IN ('mandataire', 'department')),
        ALTER COLUMN recorded_by_org_id DROP NOT NULL,
        ALTER COLUMN recorded_by_sub DROP NOT NULL`);
    await q.query(
      `ALTER TABLE mandataire.protection_measure ADD CONSTRAINT protection_measure_author_check CHECK (source = 'department' OR (recorded_by_org_id IS NOT NULL AND recorded_by_sub IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM mandataire.protection_measure WHERE source = 'department'`);
    await q.query(`ALTER TABLE mandataire.protection_measure DROP CONSTRAINT protection_measure_author_check`);
    await q.query(`ALTER TABLE mandataire.protection_measure DROP COLUMN source,
      ALTER COLUMN recorded_by_org_id SET NOT NULL, ALTER COLUMN recorded_by_sub SET NOT NULL`);
    await q.query(`DROP INDEX mandataire.judicial_measure_notice_idx`);
    await q.query(`ALTER TABLE mandataire.judicial_measure DROP COLUMN notice_id`);
    await q.query(`DROP TABLE mandataire.known_lease`);
    await q.query(`DROP TABLE mandataire.maj_notice`);
  }
}
