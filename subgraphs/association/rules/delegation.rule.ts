import { BenefitKind } from '../../../schema/benefits';
import { AssociationCode, RuleViolation } from './errors';
import { benefitsFr } from '../../kit/rules/benefit-labels';
import { formatDateFr } from '../../kit/rules/french';

/** A delegation as the département's events told it (association.delegation). */
export interface KnownDelegation {
  id: string;
  measureId: string;
  beneficiaryId: string;
  associationOrgId: string;
  startsOn: string;
  /** Exclusive. */
  endsOn: string;
  managedBenefits: readonly BenefitKind[];
}

/**
 * CASF L271-3: a delegated file exists only for a delegation the département granted, in force, of that measure to
 * that association for that person. `delegations` are the measure's; the one in force on `on` is returned.
 */
export function checkDelegationInForceL2713(
  delegations: readonly KnownDelegation[],
  file: { measureId: string; beneficiaryId: string; associationOrgId: string },
  on: string,
): { delegation: KnownDelegation } | { violation: RuleViolation } {
  const delegation = delegations.find(
    (d) =>
      d.measureId === file.measureId &&
      d.associationOrgId === file.associationOrgId &&
      d.beneficiaryId === file.beneficiaryId &&
      d.startsOn <= on &&
      d.endsOn > on,
  );
  if (delegation) return { delegation };
  return {
    violation: {
      code: AssociationCode.NO_DELEGATION_IN_FORCE,
      rule: 'CASF L271-3',
      message: `CASF L271-3 : le Département n'a délégué cette mesure à cette association pour cette personne par aucune délégation en vigueur le ${formatDateFr(on)}. / CASF L271-3: the Département has no delegation of this measure to this association for this person in force on ${on}.`,
      extra: { measureId: file.measureId, associationOrgId: file.associationOrgId, on },
    },
  };
}

/**
 * CASF L271-2: the file manages exactly the benefits of the contract in force (an avenant changes them, through the
 * département); a list given by hand must be that one.
 */
export function checkManagedBenefitsOfContractL2712(
  given: readonly BenefitKind[] | null | undefined,
  contract: readonly BenefitKind[],
): RuleViolation | null {
  if (given == null) return null;
  const same = given.length === contract.length && given.every((k) => contract.includes(k));
  if (same) return null;
  return {
    code: AssociationCode.MANAGED_BENEFITS_NOT_CONTRACT,
    rule: 'CASF L271-2',
    message: `CASF L271-2 : le contrat en vigueur gère ${benefitsFr(contract) || 'aucune prestation'}, pas ${benefitsFr(given) || 'aucune'} ; un avenant au Département les modifie. / CASF L271-2: the contract in force manages ${contract.join(', ') || 'no benefit'}, not ${given.join(', ') || 'none'}; an avenant at the Département changes them.`,
    extra: { managedBenefits: [...contract], given: [...given] },
  };
}
