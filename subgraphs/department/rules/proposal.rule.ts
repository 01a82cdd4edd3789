import { DepartmentCode, ruleError } from './errors';

/** The answer a proposed contract awaits, or got (CASF L271-2). */
export type ProposalState = 'PROPOSED' | 'ACCEPTED' | 'REFUSED';

/**
 * CASF L271-2: the contract is proposed to the person, who accepts it (signs) or refuses it, once: an answered
 * proposal is neither signed again nor refused after being signed.
 */
export function assertProposalOpen(status: ProposalState): void {
  if (status === 'PROPOSED') return;
  const [fr, en] = status === 'ACCEPTED' ? ['acceptée', 'accepted'] : ['refusée', 'refused'];
  throw ruleError(
    DepartmentCode.PROPOSAL_NOT_OPEN,
    'CASF L271-2',
    `cette proposition de contrat a déjà reçu une réponse (${fr}).`,
    `this contract proposal was already answered (${en}).`,
  );
}

/**
 * CASF L271-2: one proposal awaits the person's answer at a time (a refusal must name what was refused: with two
 * open proposals it could not).
 */
export function assertNoPendingProposal(pending: number): void {
  if (pending > 0)
    throw ruleError(
      DepartmentCode.PROPOSAL_PENDING,
      'CASF L271-2',
      `une proposition de contrat attend déjà la réponse de la personne.`,
      `a contract proposal already awaits the person's answer.`,
    );
}
