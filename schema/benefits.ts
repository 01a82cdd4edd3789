/**
 * The benefits of CASF D271-2 that a MASP or a MAJ may concern, shared by every subgraph that names one
 * (department: benefits received and the contract's managed list; association: benefits received on the person's
 * behalf; mandataire: benefits covered by the judgment). One enum, so that composition sees the same type everywhere.
 */
export enum BenefitKind {
  APL = 'APL', // 1°
  ALS = 'ALS', // 2°
  APA = 'APA', // 3° (not when paid to a provider)
  ASPA = 'ASPA', // 4°
  AVTS = 'AVTS', // 5°
  AVTNS = 'AVTNS', // 6°
  ALLOCATION_MERES_FAMILLE = 'ALLOCATION_MERES_FAMILLE', // 7°
  ALLOCATION_SPECIALE_VIEILLESSE = 'ALLOCATION_SPECIALE_VIEILLESSE', // 8°
  ALLOCATION_VIAGERE_RAPATRIES = 'ALLOCATION_VIAGERE_RAPATRIES', // 9°
  ALLOCATION_VIEILLESSE_AGRICOLE = 'ALLOCATION_VIEILLESSE_AGRICOLE', // 10°
  ALLOCATION_SUPPLEMENTAIRE = 'ALLOCATION_SUPPLEMENTAIRE', // 11°
  ASI = 'ASI', // 12°
  AAH = 'AAH', // 13° (with its complément and MVA)
  ACTP = 'ACTP', // 14°
  PCH = 'PCH', // 15°
  RSA = 'RSA', // 17° (16° repealed)
  PAJE = 'PAJE', // 18°
  AF = 'AF', // 19°
  CF = 'CF', // 20°
  ALF = 'ALF', // 21°
  AEEH = 'AEEH', // 22°
  ASF = 'ASF', // 23°
  ARS = 'ARS', // 24°
  AJPP = 'AJPP', // 25°
  RENTE_ORPHELINS_AT = 'RENTE_ORPHELINS_AT', // 26°
  ALLOCATION_SERVICES_MENAGERS = 'ALLOCATION_SERVICES_MENAGERS', // 27°
  ALLOCATION_DIFFERENTIELLE = 'ALLOCATION_DIFFERENTIELLE', // 28°
  PCH_III = 'PCH_III', // 29°
}

/** Core list 1°–17° (always eligible); extension 18°–29° only when justified (MASP) or ordered by the judge (MAJ). */
export enum BenefitTier {
  CORE = 'CORE',
  EXTENSION = 'EXTENSION',
}

/**
 * What an earmarked benefit must be spent on (schema/domain.md › MASP contract: "earmarked benefits must be spent on
 * their purpose").
 */
export enum BenefitPurpose {
  HOUSING = 'HOUSING',
  CARE = 'CARE',
}

export interface BenefitInfo {
  /** The item number of D271-2. */
  item: number;
  tier: BenefitTier;
  /** Set for a benefit that must be spent on its purpose. */
  earmarkedFor?: BenefitPurpose;
  /** A housing aid counts for eligibility only when not paid to the landlord (tiers payant). */
  housingAid?: boolean;
}

const core = (item: number, extra: Partial<BenefitInfo> = {}): BenefitInfo => ({
  item,
  tier: BenefitTier.CORE,
  ...extra,
});
const ext = (item: number, extra: Partial<BenefitInfo> = {}): BenefitInfo => ({
  item,
  tier: BenefitTier.EXTENSION,
  ...extra,
});
const HOUSING = { earmarkedFor: BenefitPurpose.HOUSING, housingAid: true };
const CARE = { earmarkedFor: BenefitPurpose.CARE };

/** D271-2, item by item. */
export const BENEFITS: Readonly<Record<BenefitKind, BenefitInfo>> = {
  APL: core(1, HOUSING),
  ALS: core(2, HOUSING),
  APA: core(3, CARE),
  ASPA: core(4),
  AVTS: core(5),
  AVTNS: core(6),
  ALLOCATION_MERES_FAMILLE: core(7),
  ALLOCATION_SPECIALE_VIEILLESSE: core(8),
  ALLOCATION_VIAGERE_RAPATRIES: core(9),
  ALLOCATION_VIEILLESSE_AGRICOLE: core(10),
  ALLOCATION_SUPPLEMENTAIRE: core(11),
  ASI: core(12),
  AAH: core(13),
  ACTP: core(14, CARE),
  PCH: core(15, CARE),
  RSA: core(17),
  PAJE: ext(18),
  AF: ext(19),
  CF: ext(20),
  ALF: ext(21, HOUSING),
  AEEH: ext(22),
  ASF: ext(23),
  ARS: ext(24),
  AJPP: ext(25),
  RENTE_ORPHELINS_AT: ext(26),
  ALLOCATION_SERVICES_MENAGERS: ext(27),
  ALLOCATION_DIFFERENTIELLE: ext(28),
  PCH_III: ext(29, CARE),
};
