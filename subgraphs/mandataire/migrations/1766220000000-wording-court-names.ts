import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: « Tribunal judiciaire d'Montargis » — the élision only before a vowel. A database seeded before the
 * territories became data (subgraphs/kit/seed/territory.ts) holds the old spelling in the courts it recorded.
 */
export class WordingCourtNames1766220000000 implements MigrationInterface {
  name = 'WordingCourtNames1766220000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['judicial_measure', 'protection_measure', 'maj_notice']) {
      await q.query(
        `UPDATE mandataire.${table} SET court = 'Tribunal judiciaire de Montargis'
         WHERE court = 'Tribunal judiciaire d''Montargis'`,
      );
    }
  }

  async down(): Promise<void> {
    // a spelling fixed is not restored
  }
}
