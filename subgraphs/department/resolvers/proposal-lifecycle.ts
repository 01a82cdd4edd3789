import type { EntityManager } from 'typeorm';
import { Beneficiary, ContractProposal, DecisionKind, Measure, ProposalStatus } from '../entities';
import { contractSignedLetter } from '../letters/contract-signed.letter';
import { issueDecisionLetter } from '../letters/issue';
import { assertProposalOpen } from '../rules/proposal.rule';
import type { Ctx as Context } from './support';

/**
 * The proposal step of the contract (CASF L271-2): `acceptContractProposal` signs through `signContract`'s own code
 * path, naming the proposal it accepts here (keyed by the input object, never exposed in the schema); a direct
 * `signContract` records a proposal proposed and accepted the same day.
 */
const accepting = new WeakMap<object, string>();

/** Marks a signContract input as the acceptance of proposal `proposalId`. */
export function acceptingProposal<T extends object>(input: T, proposalId: string): T {
  accepting.set(input, proposalId);
  return input;
}

/** CASF L271-2: the proposal still awaits its answer (rules/proposal.rule.ts). */
export function assertOpen(p: ContractProposal): void {
  assertProposalOpen(p.status);
}

/** The proposal, locked for the transaction. */
export async function lockedProposal(tx: EntityManager, id: string): Promise<ContractProposal | null> {
  return tx
    .getRepository(ContractProposal)
    .createQueryBuilder('p')
    .setLock('pessimistic_write')
    .where('p.id = :id', { id })
    .getOne();
}

/**
 * In signContract's transaction, once the measure is written: the proposal accepted (or one recorded, proposed and
 * accepted at the signature), and the letter notifying the contract.
 */
export async function recordContractSigned(
  tx: EntityManager,
  ctx: Context,
  m: Measure,
  input: { months: number; objectives: string; engagements: string; extensionJustification?: string | null },
): Promise<void> {
  const proposals = tx.getRepository(ContractProposal);
  const proposalId = accepting.get(input);
  let proposedOn: string | null = null;
  if (proposalId) {
    const p = await lockedProposal(tx, proposalId);
    if (!p || p.beneficiaryId !== m.beneficiaryId) throw new Error(`proposal ${proposalId} vanished`);
    assertOpen(p);
    proposedOn = p.proposedOn;
    await proposals.update(p.id, { status: ProposalStatus.ACCEPTED, answeredOn: m.signedOn, measureId: m.id });
  } else {
    await proposals.insert({
      beneficiaryId: m.beneficiaryId,
      level: m.level,
      startsOn: m.startsOn,
      months: input.months,
      objectives: m.objectives ?? input.objectives,
      engagements: m.engagements ?? input.engagements,
      managedBenefits: m.managedBenefits,
      extensionJustification: m.extensionJustification ?? null,
      proposedOn: m.signedOn!,
      status: ProposalStatus.ACCEPTED,
      answeredOn: m.signedOn,
      measureId: m.id,
      authorSub: ctx.caller.sub,
    });
  }
  const person = await tx.getRepository(Beneficiary).findOneByOrFail({ id: m.beneficiaryId });
  await issueDecisionLetter(
    tx,
    person,
    { kind: DecisionKind.CONTRACT_SIGNED, subjectId: m.id, decidedOn: m.signedOn!, notifiedOn: m.notifiedOn },
    contractSignedLetter({
      level: m.level,
      signedOn: m.signedOn!,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      months: input.months,
      managedBenefits: m.managedBenefits,
      proposedOn,
    }),
  );
}
