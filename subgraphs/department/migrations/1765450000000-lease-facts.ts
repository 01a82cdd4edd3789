import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leases the bailleurs record for the département's persons, as their `lease.recorded` / `lease.ended` facts say
 * (schema/events.ts): the département keeps them to check an L271-5 request and to relay them to the MJPM of a person
 * under MAJ (`lease.known`), never the other way round.
 */
export class LeaseFacts1765450000000 implements MigrationInterface {
  name = 'LeaseFacts1765450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department.lease_fact (
        lease_id uuid PRIMARY KEY,
        beneficiary_id uuid NOT NULL,
        landlord_org_id uuid NOT NULL,
        reference text NOT NULL,
        rent_cents bigint NOT NULL,
        charges_cents bigint NOT NULL,
        starts_on date NOT NULL,
        ends_on date
      )`);
    await q.query(`CREATE INDEX lease_fact_beneficiary_idx ON department.lease_fact (beneficiary_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.lease_fact`);
  }
}
