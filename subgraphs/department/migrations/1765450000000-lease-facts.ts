import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the leases the landlords recorded (`lease.recorded` / `lease.ended`, schema/events.ts), as the département
 * learns them: the L271-5 request names one, and the MJPM of a person under MAJ learns them from here.
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
        rent_cents integer NOT NULL,
        charges_cents integer NOT NULL,
        starts_on date NOT NULL,
        ends_on date
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.lease_fact`);
  }
}
