import { BENEFITS, BenefitKind, BenefitTier } from '../../../schema/benefits';
import { badInput, MandataireCode, refusal, ruleError } from './errors';
import { benefitsFr } from '../../kit/rules/benefit-labels';

/**
 * C. civ. 495-4 with CASF D271-2: the judge chooses the benefits the MAJ covers: the core list (1°–17°), and the
 * extension tier (18°–29°) only when the judgment orders it (`extensionOrdered`). Returns the list, deduplicated and in
 * D271-2 order. Refused: BAD_USER_INPUT (empty list), BENEFIT_EXTENSION_NOT_ORDERED.
 */
export function assertBenefitsCovered(benefits: readonly BenefitKind[], extensionOrdered: boolean): BenefitKind[] {
  const unique = [...new Set(benefits)].sort((a, b) => BENEFITS[a].item - BENEFITS[b].item);
  if (!unique.length) {
    throw badInput(
      'benefitsCovered',
      'Le jugement désigne au moins une prestation (D271-2).',
      'The judgment names at least one benefit (D271-2).',
    );
  }
  const extension = unique.filter((b) => BENEFITS[b].tier === BenefitTier.EXTENSION);
  if (extension.length && !extensionOrdered) {
    throw refusal(
      MandataireCode.BENEFIT_EXTENSION_NOT_ORDERED,
      'C. civ. 495-4, CASF D271-2',
      `C. civ. 495-4 et CASF D271-2 : les prestations 18° à 29° (${benefitsFr(extension)}) ne sont couvertes que si le jugement l'ordonne. / ` +
        `C. civ. 495-4 and CASF D271-2: benefits 18° to 29° (${extension.join(', ')}) are covered only when the judgment orders it.`,
      { field: 'benefitsCovered', benefits: extension },
    );
  }
  return unique;
}

/** C. civ. 495-7: the MJPM receives only the benefits the judgment covers. Refused: BENEFIT_NOT_COVERED. */
export function assertBenefitCovered(benefit: BenefitKind, covered: readonly BenefitKind[]): void {
  if (!covered.includes(benefit)) {
    throw ruleError(
      MandataireCode.BENEFIT_NOT_COVERED,
      'C. civ. 495-7',
      `le mandataire ne perçoit que les prestations désignées par le jugement ; « ${benefitsFr([benefit])} » n'en fait pas partie.`,
      `the mandataire receives only the benefits the judgment names; ${benefit} is not one of them.`,
      { field: 'benefitKind' },
    );
  }
}
