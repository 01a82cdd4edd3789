import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database refuses a new parameter value outside its range for every ranged key (rules/parameter.rule.ts ›
 * PARAMETER_RANGES, which a test compares with this constraint): the L271-7 small-cell threshold, the retention
 * delays and the délégataire's closing window joined the ranges after the constraint was written. NOT VALID, as
 * before: an older row out of range is read as its fallback (parameterInForce), never refused on read.
 */
export class ParameterRangesComplete1766600000000 implements MigrationInterface {
  name = 'ParameterRangesComplete1766600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE department.parameter DROP CONSTRAINT parameter_within_statute`);
    await q.query(
      withinStatute(`
        WHEN 'STATS_SMALL_CELL' THEN value BETWEEN 5 AND 100
        WHEN 'RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS' THEN value BETWEEN 1 AND 24
        WHEN 'RETENTION_AFTER_LAST_CONTACT_MONTHS' THEN value BETWEEN 6 AND 60
        WHEN 'DELEGATION_CLOSING_WINDOW_MONTHS' THEN value BETWEEN 0 AND 6`),
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE department.parameter DROP CONSTRAINT parameter_within_statute`);
    await q.query(withinStatute(''));
  }
}

/** The constraint of migration LawStatuteParameters1766100000000, with the `added` keys' ranges. */
const withinStatute = (added: string) => `
  ALTER TABLE department.parameter ADD CONSTRAINT parameter_within_statute CHECK (CASE key
    WHEN 'CONTRACT_MIN_MONTHS' THEN value BETWEEN 6 AND 24
    WHEN 'CONTRACT_MAX_MONTHS' THEN value BETWEEN 6 AND 24
    WHEN 'TOTAL_MAX_MONTHS' THEN value BETWEEN 6 AND 48
    WHEN 'AAH_ANNUAL_CENTS' THEN value > 0
    WHEN 'SMIC_ANNUAL_CENTS' THEN value > 0
    WHEN 'RSA_BASE_CENTS' THEN value > 0
    WHEN 'ELIGIBILITY_VALIDITY_MONTHS' THEN value BETWEEN 1 AND 12
    WHEN 'RENEWAL_GRACE_DAYS' THEN value BETWEEN 0 AND 15
    WHEN 'MASP_CAP_READING' THEN value IN (1, 2)${added}
    ELSE value >= 0 END) NOT VALID`;
