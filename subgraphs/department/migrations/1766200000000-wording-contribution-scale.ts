import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: the contribution scale (CASF L271-4, D271-5 → R471-5-3) with the 2026 SMIC and the April 2026 AAH, every
 * value saying where it comes from (texte, date) in `source`.
 *
 * R471-5-3 II reads the AAH and the SMIC in force on 1 January of the year the resources were received
 * (`scaleReferenceDate`, subgraphs/department/rules/contribution.rule.ts): the AAH of 1 January is the one revalued the
 * April before, so the earlier rows below are what 2023–2025 resources need.
 *
 * Amounts:
 * - SMIC: gross hourly rate × 151,67 h × 12 (C. trav. L3231-2, revalued each 1 January, C. trav. L3231-5 and
 *   R3231-1 s.). 2023-01: 11,27 €/h; 2023-05 (revaluation when inflation exceeds 2 %, C. trav. L3231-5): 11,52 €/h;
 *   2026-01: 12,02 €/h, i.e. 1 823,03 € a month, +1,18 % (revaluation of 1 January 2026, published December 2025;
 *   ⚠ the decree's number is to be confirmed).
 * - AAH: full monthly rate for a single person × 12 (CSS L821-1, D821-3; revalued each 1 April, CSS L161-25).
 *   2022-07: 956,65 € (+4 %, loi 2022-1158 du 16 août 2022); 2023-04: 971,37 €; 2026-04: 1 042,62 € — ⚠ TO BE
 *   CONFIRMED: the estimate of the Commission des comptes de la Sécurité sociale (October 2025, +0,9 % of the base
 *   monthly rate) until the revaluation of 1 April 2026 is read; the département corrects it with
 *   `setDepartmentParameter` (a dated row, never an edit of this migration).
 */
export class WordingContributionScale1766200000000 implements MigrationInterface {
  name = 'WordingContributionScale1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO department.parameter (key, valid_from, value, source) VALUES
        ('AAH_ANNUAL_CENTS', '2022-07-01', 1147980, 'AAH 956,65 €/mois au 1er juillet 2022 (CSS L821-1 ; loi 2022-1158 du 16 août 2022)'),
        ('AAH_ANNUAL_CENTS', '2023-04-01', 1165644, 'AAH 971,37 €/mois au 1er avril 2023 (CSS L821-1, revalorisation CSS L161-25)'),
        ('AAH_ANNUAL_CENTS', '2026-04-01', 1251144, 'AAH 1 042,62 €/mois au 1er avril 2026 — À CONFIRMER : estimation CCSS octobre 2025 (+0,9 %), revalorisation CSS L161-25'),
        ('SMIC_ANNUAL_CENTS', '2023-01-01', 2051136, 'SMIC brut 11,27 €/h, 1 709,28 €/mois au 1er janvier 2023 (C. trav. L3231-5)'),
        ('SMIC_ANNUAL_CENTS', '2023-05-01', 2096640, 'SMIC brut 11,52 €/h, 1 747,20 €/mois au 1er mai 2023 (C. trav. L3231-5)'),
        ('SMIC_ANNUAL_CENTS', '2026-01-01', 2187636, 'SMIC brut 12,02 €/h, 1 823,03 €/mois au 1er janvier 2026 (+1,18 %, C. trav. L3231-5 ; décret de décembre 2025, numéro à confirmer)')
      ON CONFLICT (key, valid_from) DO NOTHING`);
    // The rows of 1764200000000-case-management, with their texts.
    await q.query(`
      UPDATE department.parameter p SET source = v.source
      FROM (VALUES
        ('AAH_ANNUAL_CENTS', DATE '2024-04-01', 'AAH 1 016,05 €/mois au 1er avril 2024 (CSS L821-1, revalorisation CSS L161-25)'),
        ('AAH_ANNUAL_CENTS', DATE '2025-04-01', 'AAH 1 033,32 €/mois au 1er avril 2025 (CSS L821-1, revalorisation CSS L161-25)'),
        ('SMIC_ANNUAL_CENTS', DATE '2024-01-01', 'SMIC brut 11,65 €/h, 1 766,92 €/mois au 1er janvier 2024 (C. trav. L3231-5)'),
        ('SMIC_ANNUAL_CENTS', DATE '2024-11-01', 'SMIC brut 11,88 €/h, 1 801,80 €/mois au 1er novembre 2024 (C. trav. L3231-5) ; inchangé au 1er janvier 2025')
      ) AS v (key, valid_from, source)
      WHERE p.key = v.key AND p.valid_from = v.valid_from`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM department.parameter WHERE (key, valid_from) IN (
        ('AAH_ANNUAL_CENTS', '2022-07-01'), ('AAH_ANNUAL_CENTS', '2023-04-01'), ('AAH_ANNUAL_CENTS', '2026-04-01'),
        ('SMIC_ANNUAL_CENTS', '2023-01-01'), ('SMIC_ANNUAL_CENTS', '2023-05-01'), ('SMIC_ANNUAL_CENTS', '2026-01-01'))`);
  }
}
