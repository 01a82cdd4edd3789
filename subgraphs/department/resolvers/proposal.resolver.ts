import { Arg, Ctx, Mutation, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { todayIso } from '../../kit/rules/calendar';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import {
  Beneficiary,
  ContractProposal,
  ContractRefusal,
  DecisionKind,
  MeasureLevel,
  ProposalStatus,
  RefusalKind,
} from '../entities';
import { issueDecisionLetter } from '../letters/issue';
import { proposalRefusedLetter } from '../letters/proposal-refused.letter';
import { assertContractTerm } from '../rules/contract.rule';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { OPEN_CONTRACT_SQL } from '../sql';
import { ContractResolver } from './contract.resolver';
import { documentLoaders } from './document.resolver';
import { acceptingProposal, assertOpen, lockedProposal } from './proposal-lifecycle';
import { assertNoPendingProposal } from '../rules/proposal.rule';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  lockPerson,
  param,
  parametersOn,
  reachablePerson,
  requireDate,
  requireText,
} from './support';
import { SignContractInput } from './types/contract.input';
import { AcceptContractProposalInput, ProposeContractInput, RefuseContractProposalInput } from './types/proposal.input';

const CONTRACT_LEVELS = [MeasureLevel.MASP_1, MeasureLevel.MASP_2];

/** A recorded answer is dated, and not in the future. */
function notFuture(field: string, on: string): string {
  if (on > todayIso())
    throw badInput(field, `« ${field} » ne peut pas être dans le futur.`, `"${field}" cannot be in the future.`);
  return on;
}

/**
 * The proposal step of the MASP contract (CASF L271-2): the département proposes (level, term, actions, managed
 * benefits), the person accepts — the contract is signed, through signContract's code path — or refuses: the refusal
 * is recorded against the proposal, the ground of an L271-5 request, and notified by letter.
 */
@Resolver(() => Beneficiary)
export class ProposalResolver {
  @ClassifiedFieldResolver(Domain.SOCIAL, () => [ContractProposal], {
    description: 'Contracts proposed to the person (CASF L271-2), oldest first, with their answer.',
  })
  async contractProposals(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<ContractProposal[]> {
    return documentLoaders(ctx).proposalsByPerson.load(b.id);
  }

  @Mutation(() => ContractProposal, {
    description:
      'CASF L271-2: proposes a MASP 1 or 2 contract (level, term, actions, managed benefits); the person then accepts (acceptContractProposal) or refuses (refuseContractProposal).',
  })
  async proposeContract(@Arg('input') input: ProposeContractInput, @Ctx() ctx: Context): Promise<ContractProposal> {
    requireRole(ctx.caller, CASE_WORKERS, 'proposeContract');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    if (!CONTRACT_LEVELS.includes(input.level))
      throw badInput(
        'level',
        'Un contrat est de niveau MASP_1 ou MASP_2 (le niveau 3 est ordonné par le juge).',
        'A contract is MASP_1 or MASP_2 (level 3 is ordered by a judge).',
      );
    const startsOn = requireDate('startsOn', input.startsOn);
    const proposedOn = notFuture('proposedOn', requireDate('proposedOn', input.proposedOn));
    const objectives = requireText('objectives', input.objectives);
    const engagements = requireText('engagements', input.engagements);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const params = await parametersOn(tx, startsOn);
      assertContractTerm(input.months, {
        minMonths: param(params, 'CONTRACT_MIN_MONTHS', startsOn),
        maxMonths: param(params, 'CONTRACT_MAX_MONTHS', startsOn),
      });
      if ((await tx.query(OPEN_CONTRACT_SQL, [person.id])).length)
        throw ruleError(
          DepartmentCode.MEASURE_ALREADY_OPEN,
          'CASF L271-2',
          `un contrat MASP est déjà en cours : modifiez-le par avenant.`,
          `a MASP contract is already in force: change it by avenant.`,
        );
      assertNoPendingProposal(
        await tx.getRepository(ContractProposal).countBy({ beneficiaryId: person.id, status: ProposalStatus.PROPOSED }),
      );
      const repo = tx.getRepository(ContractProposal);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          level: input.level,
          startsOn,
          months: input.months,
          objectives,
          engagements,
          managedBenefits: input.managedBenefits ?? [],
          extensionJustification: input.extensionJustification?.trim() || null,
          proposedOn,
          status: ProposalStatus.PROPOSED,
          authorSub: ctx.caller.sub,
        }),
      );
      await audit(tx, ctx, person.id, 'proposeContract', [Domain.SOCIAL, Domain.BENEFITS]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => ContractProposal, {
    description:
      'The person accepts the proposal and signs: the contract is signed exactly as signContract does (every rule of the signature), and notified by letter.',
  })
  async acceptContractProposal(
    @Arg('input') input: AcceptContractProposalInput,
    @Ctx() ctx: Context,
  ): Promise<ContractProposal> {
    requireRole(ctx.caller, CASE_WORKERS, 'acceptContractProposal');
    const proposal = await reachableProposal(ctx, input.proposalId);
    assertOpen(proposal);
    const signedOn = requireDate('signedOn', input.signedOn);
    if (signedOn < proposal.proposedOn)
      throw badInput(
        'signedOn',
        `La signature suit la proposition (${proposal.proposedOn}).`,
        `The signature follows the proposal (${proposal.proposedOn}).`,
      );
    const sign: SignContractInput = acceptingProposal(
      Object.assign(new SignContractInput(), {
        beneficiaryId: proposal.beneficiaryId,
        level: proposal.level,
        startsOn: proposal.startsOn,
        months: proposal.months,
        objectives: proposal.objectives,
        engagements: proposal.engagements,
        managedBenefits: proposal.managedBenefits,
        extensionJustification: proposal.extensionJustification ?? undefined,
        consent: input.consent,
        signedOn,
        notifiedOn: input.notifiedOn ?? undefined,
      }),
      proposal.id,
    );
    await new ContractResolver().signContract(sign, ctx);
    return ctx.dataSource.getRepository(ContractProposal).findOneByOrFail({ id: proposal.id });
  }

  @Mutation(() => ContractRefusal, {
    description:
      'The person refuses the proposed contract: the refusal is recorded against the proposal (the ground of an L271-5 request) and notified by letter.',
  })
  async refuseContractProposal(
    @Arg('input') input: RefuseContractProposalInput,
    @Ctx() ctx: Context,
  ): Promise<ContractRefusal> {
    requireRole(ctx.caller, CASE_WORKERS, 'refuseContractProposal');
    const reached = await reachableProposal(ctx, input.proposalId);
    const person = await reachablePerson(ctx, reached.beneficiaryId);
    const refusedOn = notFuture('refusedOn', requireDate('refusedOn', input.refusedOn));
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const p = (await lockedProposal(tx, reached.id))!;
      assertOpen(p);
      if (refusedOn < p.proposedOn)
        throw badInput(
          'refusedOn',
          `Le refus suit la proposition (${p.proposedOn}).`,
          `The refusal follows the proposal (${p.proposedOn}).`,
        );
      await tx.getRepository(ContractProposal).update(p.id, { status: ProposalStatus.REFUSED, answeredOn: refusedOn });
      const repo = tx.getRepository(ContractRefusal);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          kind: RefusalKind.REFUSAL,
          recordedOn: refusedOn,
          measureId: null,
          proposalId: p.id,
          note: input.note?.trim() || null,
        }),
      );
      await audit(tx, ctx, person.id, 'refuseContractProposal', [Domain.SOCIAL]);
      await issueDecisionLetter(
        tx,
        person,
        { kind: DecisionKind.PROPOSAL_REFUSED, subjectId: p.id, decidedOn: refusedOn },
        proposalRefusedLetter({ proposedOn: p.proposedOn, refusedOn, level: p.level, months: p.months }),
      );
      return repo.findOneByOrFail({ id: saved.id });
    });
  }
}

/** The proposal, if its person is within the caller's reach (same refusal whether the id exists or not). */
async function reachableProposal(ctx: Context, id: string): Promise<ContractProposal> {
  const p = isUuid(id) ? await ctx.dataSource.getRepository(ContractProposal).findOneBy({ id }) : null;
  if (!p || !(await ctx.loaders.beneficiary.load(p.beneficiaryId))) throw notReachable('ContractProposal');
  return p;
}
