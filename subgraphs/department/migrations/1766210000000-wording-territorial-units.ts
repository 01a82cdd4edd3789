import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: the département's own territorial units as data, replacing the NORD/SUD/EST/OUEST codes that contradicted
 * the real geography: the Loiret's Maisons du Département, each with the communes it serves, and for each commune the
 * tribunal judiciaire whose ressort it lies in. A unit's code is what `beneficiary.territory` and the `territory`
 * claim of département staff hold (kept free text: a person may belong to a unit the table does not list yet).
 * The rows are those of subgraphs/kit/seed/territory.ts (test/subgraphs/department/territory.test.ts keeps them equal);
 * a later list is a new migration, never an edit of this one. The demo's persons of the old codes move to their unit.
 */
export class WordingTerritorialUnits1766210000000 implements MigrationInterface {
  name = 'WordingTerritorialUnits1766210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE department.territorial_unit (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9_-]+$'),
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE department.territorial_commune (
        insee_code text PRIMARY KEY CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
        postal_code text NOT NULL,
        name text NOT NULL,
        unit_code text NOT NULL REFERENCES department.territorial_unit (code),
        court text NOT NULL
      )`);
    await q.query(`CREATE INDEX territorial_commune_unit_idx ON department.territorial_commune (unit_code)`);
    await q.query(`
      INSERT INTO department.territorial_unit (code, name) VALUES
        ('MDD-ORLEANS', 'Maison du Département d''Orléans'),
        ('MDD-MONTARGIS', 'Maison du Département de Montargis'),
        ('MDD-PITHIVIERS', 'Maison du Département de Pithiviers'),
        ('MDD-BEAUGENCY', 'Maison du Département de Beaugency')`);
    await q.query(`
      INSERT INTO department.territorial_commune (insee_code, postal_code, name, unit_code, court) VALUES
        ('45234', '45000', 'Orléans', 'MDD-ORLEANS', 'Tribunal judiciaire d''Orléans'),
        ('45208', '45200', 'Montargis', 'MDD-MONTARGIS', 'Tribunal judiciaire de Montargis'),
        ('45252', '45300', 'Pithiviers', 'MDD-PITHIVIERS', 'Tribunal judiciaire d''Orléans'),
        ('45028', '45190', 'Beaugency', 'MDD-BEAUGENCY', 'Tribunal judiciaire d''Orléans')`);
    // A database seeded before this migration: its persons and referents move from the old codes to their unit.
    await q.query(`
      UPDATE department.beneficiary b SET
        territory = m.unit,
        referent_sub = CASE WHEN b.referent_sub LIKE 'ts-' || lower(m.old) || '-%'
          THEN 'ts-' || lower(m.unit) || substr(b.referent_sub, length('ts-' || lower(m.old)) + 1)
          ELSE b.referent_sub END
      FROM (VALUES ('NORD', 'MDD-ORLEANS'), ('SUD', 'MDD-MONTARGIS'), ('EST', 'MDD-PITHIVIERS'), ('OUEST', 'MDD-BEAUGENCY'))
        AS m (old, unit)
      WHERE b.territory = m.old`);
    // « d'Montargis »: the élision only before a vowel.
    await q.query(`
      UPDATE department.maj_notice SET court = 'Tribunal judiciaire de Montargis'
      WHERE court = 'Tribunal judiciaire d''Montargis'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE department.territorial_commune`);
    await q.query(`DROP TABLE department.territorial_unit`);
  }
}
