import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import { buildDemoPlan } from '../../../subgraphs/kit/seed/demo-plan';
import { courtOfCommune, LOIRET_COURTS, TERRITORIAL_UNITS, unitOf } from '../../../subgraphs/kit/seed/territory';
import { sql } from '../../helpers/sql';

/**
 * The département's territorial units are data (the Loiret's Maisons du Département, migration
 * 1766210000000-wording-territorial-units): the table the migration wrote is the kit's table, every seeded person
 * belongs to one of its units, the staff's `territory` claim names one, and each commune's court is the tribunal
 * judiciaire of its ressort.
 */
describe('department › territorial units (the département’s own, as data)', () => {
  it('holds in the database exactly the units and communes of the kit’s table', async () => {
    const units = await sql<{ code: string; name: string }>(
      'SELECT code, name FROM department.territorial_unit ORDER BY code',
    );
    expect(units).toEqual(
      TERRITORIAL_UNITS.map((u) => ({ code: u.code, name: u.name })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    const communes = await sql(
      `SELECT insee_code AS "inseeCode", postal_code AS "postalCode", name, unit_code AS "unitCode", court
       FROM department.territorial_commune ORDER BY insee_code`,
    );
    expect(communes).toEqual(
      TERRITORIAL_UNITS.flatMap((u) => u.communes.map((c) => ({ ...c, unitCode: u.code }))).sort((a, b) =>
        a.inseeCode.localeCompare(b.inseeCode),
      ),
    );
  });

  it('seeds every person in one of the units, none in the old NORD/SUD/EST/OUEST', async () => {
    const plan = buildDemoPlan();
    const rows = await sql<{ territory: string }>(
      'SELECT DISTINCT territory FROM department.beneficiary WHERE id = ANY($1::uuid[]) ORDER BY territory',
      [plan.persons.map((p) => p.id)],
    );
    expect(rows.map((r) => r.territory)).toEqual(TERRITORIAL_UNITS.map((u) => u.code).sort());
    for (const p of plan.persons) {
      const unit = unitOf(p.territory)!;
      expect(unit).toBeDefined();
      // a person lives in a commune of their unit, and their référent is one of its social workers
      expect(unit.communes.some((c) => p.address.endsWith(`${c.postalCode} ${c.name}`))).toBe(true);
      expect(p.referentSub).toMatch(new RegExp(`^ts-${p.territory.toLowerCase()}-[12]$`));
    }
  });

  it('names each MAJ’s court by the ressort of the person’s commune, with the élision only before a vowel', () => {
    // Beaugency and Pithiviers lie in the ressort of Orléans, Montargis in its own
    expect(courtOfCommune('Beaugency')).toBe("Tribunal judiciaire d'Orléans");
    expect(courtOfCommune('Pithiviers')).toBe("Tribunal judiciaire d'Orléans");
    expect(courtOfCommune('Montargis')).toBe('Tribunal judiciaire de Montargis');
    const plan = buildDemoPlan();
    expect(plan.judicialMeasures.length).toBeGreaterThan(0);
    for (const j of plan.judicialMeasures) {
      const person = plan.persons.find((p) => p.id === j.beneficiaryId)!;
      expect(j.court).toBe(unitOf(person.territory)!.communes[0].court);
      expect(Object.values(LOIRET_COURTS)).toContain(j.court);
      expect(j.court).not.toMatch(/d'[^AEIOUYÉÈÂaeiouyéèâh]/);
    }
  });

  it('gives the demo staff a territory claim that is a unit of the table', () => {
    const claimed = Object.values(DEMO_CALLERS)
      .map((c) => c.territory)
      .filter((t): t is string => !!t);
    expect(claimed.length).toBeGreaterThan(0);
    for (const t of claimed) expect(unitOf(t)).toBeDefined();
  });
});
