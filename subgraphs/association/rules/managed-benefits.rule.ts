import { BenefitKind } from '../../../schema/benefits';
import { AssociationCode, RuleViolation } from './errors';
import { benefitsFr } from '../../kit/rules/benefit-labels';

/**
 * CASF L271-2: under a MASP 2 the délégataire receives and manages only the benefits the contract (or its avenant)
 * lists; any other benefit stays with the person.
 */
export function checkBenefitManagedL2712(
  kind: BenefitKind,
  managedBenefits: readonly BenefitKind[],
): RuleViolation | null {
  if (managedBenefits.includes(kind)) return null;
  return {
    code: AssociationCode.BENEFIT_NOT_MANAGED,
    rule: 'CASF L271-2',
    message: `CASF L271-2 : la prestation ${benefitsFr([kind])} ne figure pas parmi les prestations gérées par le contrat (${benefitsFr(managedBenefits) || 'aucune'}). / CASF L271-2: the benefit ${kind} is not among the benefits the contract manages (${managedBenefits.join(', ') || 'none'}).`,
    extra: { benefitKind: kind, managedBenefits: [...managedBenefits] },
  };
}
