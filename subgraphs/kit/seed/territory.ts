/**
 * The demo département's own territorial units (the Loiret's Maisons du Département, its local social-action offices:
 * /work/shared seeds, « Les Maisons du Département »), each with the communes it serves and, for each commune, the
 * tribunal judiciaire whose ressort it lies in (the court a MASP 3 request or a MAJ goes to). A unit's code is what
 * the `territory` claim of département staff names (schema/caller.ts) and what `beneficiary.territory` holds.
 *
 * The same rows are in `department.territorial_unit` / `department.territorial_commune` (migration
 * 1766210000000-wording-territorial-units); test/subgraphs/department/territory.test.ts keeps the two equal.
 *
 * Ressorts: the Loiret has two tribunaux judiciaires, Orléans and Montargis (Code de l'organisation judiciaire,
 * tableau IV annexé à l'article D211-1); Orléans, Beaugency and Pithiviers lie in the ressort of Orléans, Montargis in
 * its own. ⚠ A sample of communes around each office, for the demo: the département's own list replaces it (a new
 * migration), and the units' names are to be checked against its current organisation.
 */

export interface TerritorialCommune {
  /** Code officiel géographique (INSEE). */
  inseeCode: string;
  postalCode: string;
  name: string;
  /** The tribunal judiciaire whose ressort the commune lies in, as a letter names it. */
  court: string;
}

export interface TerritorialUnit {
  /** The claim's value: A-Z, 0-9, `_` or `-` (schema/caller.ts). */
  code: string;
  name: string;
  communes: readonly TerritorialCommune[];
}

/** The Loiret's two tribunaux judiciaires (élision only before a vowel: « d'Orléans », « de Montargis »). */
export const LOIRET_COURTS = {
  ORLEANS: "Tribunal judiciaire d'Orléans",
  MONTARGIS: 'Tribunal judiciaire de Montargis',
} as const;

export const TERRITORIAL_UNITS: readonly TerritorialUnit[] = [
  {
    code: 'MDD-ORLEANS',
    name: "Maison du Département d'Orléans",
    communes: [{ inseeCode: '45234', postalCode: '45000', name: 'Orléans', court: LOIRET_COURTS.ORLEANS }],
  },
  {
    code: 'MDD-MONTARGIS',
    name: 'Maison du Département de Montargis',
    communes: [{ inseeCode: '45208', postalCode: '45200', name: 'Montargis', court: LOIRET_COURTS.MONTARGIS }],
  },
  {
    code: 'MDD-PITHIVIERS',
    name: 'Maison du Département de Pithiviers',
    communes: [{ inseeCode: '45252', postalCode: '45300', name: 'Pithiviers', court: LOIRET_COURTS.ORLEANS }],
  },
  {
    code: 'MDD-BEAUGENCY',
    name: 'Maison du Département de Beaugency',
    communes: [{ inseeCode: '45028', postalCode: '45190', name: 'Beaugency', court: LOIRET_COURTS.ORLEANS }],
  },
];

/** The demo's unit codes, in the order the demo assigns persons to them. */
export const DEMO_TERRITORIES = TERRITORIAL_UNITS.map((u) => u.code);

/** The unit of a code (undefined for a code the département does not have, e.g. a test's own). */
export const unitOf = (code: string): TerritorialUnit | undefined => TERRITORIAL_UNITS.find((u) => u.code === code);

/** The tribunal judiciaire of a commune, by its name (the demo's addresses name it), from the table above. */
export function courtOfCommune(name: string): string | undefined {
  for (const u of TERRITORIAL_UNITS) for (const c of u.communes) if (c.name === name) return c.court;
  return undefined;
}
