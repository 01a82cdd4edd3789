import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CASF L271-2: a contract is renewed only after an evaluation dated during the running term; terms follow one another
 * without overlap, so one evaluation justifies one renewal at most. The database says so (issue 9: concurrent renewals
 * of one contract leave exactly one, whatever the application does): a partial UNIQUE index on the term's evaluation,
 * next to UNIQUE (measure_id, seq) which already allows one term per position.
 */
export class OneRenewalPerEvaluation1764310000000 implements MigrationInterface {
  name = 'OneRenewalPerEvaluation1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX measure_term_one_renewal_per_evaluation ON department.measure_term (evaluation_id) WHERE evaluation_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX department.measure_term_one_renewal_per_evaluation`);
  }
}
