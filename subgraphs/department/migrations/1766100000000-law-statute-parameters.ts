import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, the rules that were wrong or not enforced:
 * - the département's parameters narrow the statute, never widen it: the database refuses a new value outside its
 *   range (rules/parameter.rule.ts › PARAMETER_RANGES; NOT VALID: an older row is read as the statute's value);
 * - the parameters the new rules read, dated, with their source: ELIGIBILITY_VALIDITY_MONTHS (6),
 *   RENEWAL_GRACE_DAYS (0), MASP_CAP_READING (1 = per measure, the statute's words) and the RSA montant forfaitaire
 *   of a single person (the reste-à-vivre floor of a household follows it, CASF R262-1);
 * - an avenant records the person's written authorisation to manage benefits (CASF L271-2);
 * - an L271-5 request names its requester (département, préfet, CCAPEX: loi n° 2023-668), may carry the reste-à-vivre
 *   warning, and keeps the judgment's date, court and reference, granted or dismissed.
 */
export class LawStatuteParameters1766100000000 implements MigrationInterface {
  name = 'LawStatuteParameters1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE department.parameter ADD CONSTRAINT parameter_within_statute CHECK (CASE key
        WHEN 'CONTRACT_MIN_MONTHS' THEN value BETWEEN 6 AND 24
        WHEN 'CONTRACT_MAX_MONTHS' THEN value BETWEEN 6 AND 24
        WHEN 'TOTAL_MAX_MONTHS' THEN value BETWEEN 6 AND 48
        WHEN 'AAH_ANNUAL_CENTS' THEN value > 0
        WHEN 'SMIC_ANNUAL_CENTS' THEN value > 0
        WHEN 'RSA_BASE_CENTS' THEN value > 0
        WHEN 'ELIGIBILITY_VALIDITY_MONTHS' THEN value BETWEEN 1 AND 12
        WHEN 'RENEWAL_GRACE_DAYS' THEN value BETWEEN 0 AND 15
        WHEN 'MASP_CAP_READING' THEN value IN (1, 2)
        ELSE value >= 0 END) NOT VALID`);
    await q.query(`INSERT INTO department.parameter (key, valid_from, value, source) VALUES
        ('ELIGIBILITY_VALIDITY_MONTHS', '2007-03-05', 6, 'Pratique départementale : une vérification d''éligibilité (CASF L271-1) vaut 6 mois, la durée minimale d''un contrat (CASF L271-2)'),
        ('RENEWAL_GRACE_DAYS', '2007-03-05', 0, 'Pratique départementale : un renouvellement s''enregistre avant le terme (CASF L271-2), sans délai de grâce'),
        ('MASP_CAP_READING', '2007-03-05', 1, 'CASF L271-2 : « durée totale de la mesure » lue par mesure (1 = PER_MEASURE ; 2 = PER_PERSON, pratique départementale)'),
        ('RSA_BASE_CENTS', '2023-04-01', 60775, 'CASF L262-2, R262-1 : montant forfaitaire du RSA, personne seule, revalorisé au 1er avril 2023 (607,75 €)'),
        ('RSA_BASE_CENTS', '2024-04-01', 63571, 'CASF L262-2, R262-1 : montant forfaitaire du RSA, personne seule, revalorisé au 1er avril 2024 (635,71 €)'),
        ('RSA_BASE_CENTS', '2025-04-01', 64652, 'CASF L262-2, R262-1 : montant forfaitaire du RSA, personne seule, revalorisé au 1er avril 2025 (646,52 €)')
      ON CONFLICT (key, valid_from) DO NOTHING`);
    await q.query(`
      ALTER TABLE department.avenant
        ADD COLUMN authorisation_signed_on date,
        ADD COLUMN authorised_benefits text[],
        ADD CONSTRAINT avenant_authorisation_whole CHECK ((authorisation_signed_on IS NULL) = (authorised_benefits IS NULL))`);
    await q.query(`
      ALTER TABLE department.direct_payment_request
        ADD COLUMN requester text NOT NULL DEFAULT 'DEPARTEMENT' CHECK (requester IN ('DEPARTEMENT', 'PREFET', 'CCAPEX')),
        ADD COLUMN monthly_resources_cents integer CHECK (monthly_resources_cents >= 0),
        ADD COLUMN reste_a_vivre_floor_cents integer,
        ADD COLUMN reste_a_vivre_warning text,
        ADD COLUMN judged_on date,
        ADD COLUMN judgment_court text,
        ADD COLUMN judgment_reference text,
        ADD CONSTRAINT direct_payment_request_dismissed_judged CHECK (status <> 'DISMISSED' OR judged_on IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE department.direct_payment_request DROP CONSTRAINT direct_payment_request_dismissed_judged,
        DROP COLUMN judgment_reference, DROP COLUMN judgment_court, DROP COLUMN judged_on, DROP COLUMN reste_a_vivre_warning,
        DROP COLUMN reste_a_vivre_floor_cents, DROP COLUMN monthly_resources_cents, DROP COLUMN requester`);
    await q.query(`ALTER TABLE department.avenant DROP CONSTRAINT avenant_authorisation_whole,
        DROP COLUMN authorised_benefits, DROP COLUMN authorisation_signed_on`);
    await q.query(`DELETE FROM department.parameter
        WHERE key IN ('ELIGIBILITY_VALIDITY_MONTHS', 'RENEWAL_GRACE_DAYS', 'MASP_CAP_READING', 'RSA_BASE_CENTS')`);
    await q.query(`ALTER TABLE department.parameter DROP CONSTRAINT parameter_within_statute`);
  }
}
