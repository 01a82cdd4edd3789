import { BenefitKind, BenefitPurpose, BENEFITS } from '../../../schema/benefits';
import { AssociationCode, euros, eurosEn, RuleViolation } from './errors';

export enum BudgetLineKind {
  /** Money coming in (a benefit when `benefitKind` is set, or another income). */
  RESOURCE = 'RESOURCE',
  /** Rent and charges: allocated first (CASF L271-2). */
  RENT_AND_CHARGES = 'RENT_AND_CHARGES',
  /** Care and assistance: what APA, ACTP, PCH are earmarked for. */
  CARE = 'CARE',
  /** Any other charge (energy, insurance, debt repayment…). */
  OTHER_CHARGE = 'OTHER_CHARGE',
}

export interface BudgetLine {
  kind: BudgetLineKind;
  label: string;
  amountCents: number;
  benefitKind?: BenefitKind | null;
}

export interface BudgetTotals {
  resourcesCents: number;
  /** Resources that are housing aids (APL, ALS, ALF): earmarked for rent and charges. */
  earmarkedHousingCents: number;
  /** Resources that are APA, ACTP, PCH: earmarked for care. */
  earmarkedCareCents: number;
  rentAndChargesCents: number;
  careCents: number;
  otherChargesCents: number;
  /** Reste à vivre: what is left to the person once every planned item is paid. */
  resteAVivreCents: number;
}

/** Sums a plan's lines by kind and earmark. */
export function budgetTotals(lines: readonly BudgetLine[]): BudgetTotals {
  const t = {
    resourcesCents: 0,
    earmarkedHousingCents: 0,
    earmarkedCareCents: 0,
    rentAndChargesCents: 0,
    careCents: 0,
    otherChargesCents: 0,
  };
  for (const l of lines) {
    if (l.kind === BudgetLineKind.RESOURCE) {
      t.resourcesCents += l.amountCents;
      const purpose = l.benefitKind ? BENEFITS[l.benefitKind].earmarkedFor : undefined;
      if (purpose === BenefitPurpose.HOUSING) t.earmarkedHousingCents += l.amountCents;
      if (purpose === BenefitPurpose.CARE) t.earmarkedCareCents += l.amountCents;
    } else if (l.kind === BudgetLineKind.RENT_AND_CHARGES) t.rentAndChargesCents += l.amountCents;
    else if (l.kind === BudgetLineKind.CARE) t.careCents += l.amountCents;
    else t.otherChargesCents += l.amountCents;
  }
  return { ...t, resteAVivreCents: t.resourcesCents - t.rentAndChargesCents - t.careCents - t.otherChargesCents };
}

/**
 * The rent and charges a plan must allocate (CASF L271-2, "rent and charges paid first"): everything due, or, when
 * the resources fall short, every resource that may legally pay rent (all but the care-earmarked ones).
 */
export function rentFirstMinimumL2712(
  rentDueCents: number,
  totals: Pick<BudgetTotals, 'resourcesCents' | 'earmarkedCareCents'>,
): number {
  return Math.max(0, Math.min(rentDueCents, totals.resourcesCents - totals.earmarkedCareCents));
}

/**
 * A monthly budget plan of a delegated MASP 2, checked against CASF L271-2:
 * 1. the planned expenses do not exceed the resources (reste à vivre ≥ 0);
 * 2. rent and charges are covered first: no other item (charge, reste à vivre) is funded while rent is short;
 * 3. earmarked benefits are spent on their purpose: housing aids on rent and charges, APA/ACTP/PCH on care.
 * Returns the totals, and the first rule refused (in that order), if any.
 */
export function checkBudgetPlanL2712(
  rentDueCents: number,
  lines: readonly BudgetLine[],
): { totals: BudgetTotals; violation: RuleViolation | null } {
  const totals = budgetTotals(lines);
  if (totals.resteAVivreCents < 0) {
    return {
      totals,
      violation: {
        code: AssociationCode.BUDGET_EXCEEDS_RESOURCES,
        rule: 'CASF L271-2',
        message: `Budget : les dépenses prévues dépassent les ressources de ${euros(-totals.resteAVivreCents)}. / Budget: the planned expenses exceed the resources by ${eurosEn(-totals.resteAVivreCents)}.`,
        extra: { resourcesCents: totals.resourcesCents, resteAVivreCents: totals.resteAVivreCents },
      },
    };
  }
  const minimum = rentFirstMinimumL2712(rentDueCents, totals);
  if (totals.rentAndChargesCents < minimum) {
    return {
      totals,
      violation: {
        code: AssociationCode.RENT_NOT_COVERED_FIRST,
        rule: 'CASF L271-2',
        message: `CASF L271-2 : le loyer et les charges sont payés en priorité ; le plan doit leur affecter ${euros(minimum)} (dû : ${euros(rentDueCents)}), il prévoit ${euros(totals.rentAndChargesCents)}. / CASF L271-2: rent and charges are paid first; the plan must allocate ${eurosEn(minimum)} to them (due: ${eurosEn(rentDueCents)}), it plans ${eurosEn(totals.rentAndChargesCents)}.`,
        extra: { rentDueCents, requiredCents: minimum, plannedCents: totals.rentAndChargesCents },
      },
    };
  }
  if (totals.rentAndChargesCents < totals.earmarkedHousingCents) {
    return {
      totals,
      violation: earmarkedMisused(BenefitPurpose.HOUSING, totals.earmarkedHousingCents, totals.rentAndChargesCents),
    };
  }
  if (totals.careCents < totals.earmarkedCareCents) {
    return { totals, violation: earmarkedMisused(BenefitPurpose.CARE, totals.earmarkedCareCents, totals.careCents) };
  }
  return { totals, violation: null };
}

const PURPOSE_WORDS: Record<BenefitPurpose, [string, string, string]> = {
  [BenefitPurpose.HOUSING]: [
    'les aides au logement (APL, ALS, ALF)',
    'au loyer et aux charges',
    'housing aids (APL, ALS, ALF) go to rent and charges',
  ],
  [BenefitPurpose.CARE]: ["l'APA, l'ACTP et la PCH", "à l'aide et aux soins", 'APA, ACTP and PCH go to care'],
};

/**
 * Where each earmarking comes from: each benefit's own code, not L271-2 (which lets the MASP 2 manage them). Housing
 * aids reduce the housing expense (CCH L821-1, Livre VIII, aides personnelles au logement); the APA at home covers
 * the expenses of its plan d'aide (CASF L232-3); the PCH is assigned to the charges it compensates (CASF L245-3; the
 * ACTP it replaced, former CASF L245-1, likewise).
 */
export const EARMARKING_RULE: Readonly<Record<BenefitPurpose, string>> = {
  [BenefitPurpose.HOUSING]: 'CCH L821-1',
  [BenefitPurpose.CARE]: 'CASF L232-3, L245-3',
};

/** An earmarked benefit must be spent on its purpose (each benefit's own code: `EARMARKING_RULE`). */
export function earmarkedMisused(
  purpose: BenefitPurpose,
  earmarkedCents: number,
  spentOnPurposeCents: number,
): RuleViolation {
  const [fr, frTo, en] = PURPOSE_WORDS[purpose];
  const rule = EARMARKING_RULE[purpose];
  return {
    code: AssociationCode.EARMARKED_BENEFIT_MISUSED,
    rule,
    message: `${rule} : les prestations affectées sont utilisées pour leur objet ; ${fr} (${euros(earmarkedCents)}) vont ${frTo}, ${euros(spentOnPurposeCents)} seulement y sont consacrés. / ${rule}: earmarked benefits are spent on their purpose; ${en} (${eurosEn(earmarkedCents)}), only ${eurosEn(spentOnPurposeCents)} does.`,
    extra: { purpose, earmarkedCents, spentOnPurposeCents },
  };
}
