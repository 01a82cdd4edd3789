import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import { Delegation } from '../entities';
import { todayIso } from '../../kit/rules/calendar';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { grantDelegation, publishDelegationEnded } from './delegation-lifecycle';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  lockedMeasure,
  reachableMeasure,
  requireDate,
  requireId,
  requireText,
} from './support';
import { DelegateMeasureInput, EndDelegationInput } from './types/contract.input';

/** Delegation to an association (CASF L271-3): the registry row that gives the DELEGUE its reach. */
@Resolver()
export class DelegationResolver {
  @Mutation(() => Delegation, {
    description:
      'Delegates a MASP 2 in force to a délégataire of the register under its convention in force (CASF L271-3): its DELEGUE reaches the person at once, and the délégataire is told.',
  })
  async delegateMeasure(@Arg('input') input: DelegateMeasureInput, @Ctx() ctx: Context): Promise<Delegation> {
    requireRole(ctx.caller, CASE_WORKERS, 'delegateMeasure');
    const reached = await reachableMeasure(ctx, input.measureId);
    const associationOrgId = requireId('associationOrgId', input.associationOrgId);
    const conventionRef = requireText('conventionRef', input.conventionRef);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    if (endsOn && endsOn <= startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      const m = await lockedMeasure(tx, reached.id);
      const d = await grantDelegation(tx, m, { associationOrgId, conventionRef, startsOn, endsOn });
      await audit(tx, ctx, m.beneficiaryId, 'delegateMeasure', [Domain.SOCIAL_SUMMARY]);
      return d;
    });
  }

  @Mutation(() => Delegation, {
    description: 'Ends a delegation: from `endsOn` (today: at once) the association no longer reaches the person.',
  })
  async endDelegation(@Arg('input') input: EndDelegationInput, @Ctx() ctx: Context): Promise<Delegation> {
    requireRole(ctx.caller, CASE_WORKERS, 'endDelegation');
    const delegation = await ctx.dataSource
      .getRepository(Delegation)
      .findOneBy({ id: requireId('delegationId', input.delegationId) });
    if (!delegation || !(await ctx.loaders.measure.load(delegation.measureId))) throw notReachable('Delegation');
    const endsOn = requireDate('endsOn', input.endsOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockedMeasure(tx, delegation.measureId);
      const d = await tx.getRepository(Delegation).findOneByOrFail({ id: delegation.id });
      if (d.endsOn && d.endsOn <= todayIso()) {
        throw ruleError(
          DepartmentCode.DELEGATION_ALREADY_ENDED,
          'CASF L271-3',
          `cette délégation a pris fin le ${d.endsOn}.`,
          `this delegation ended on ${d.endsOn}.`,
        );
      }
      if (endsOn < d.startsOn)
        throw badInput('endsOn', 'La fin suit le début de la délégation.', "The end follows the delegation's start.");
      const endReason = input.reason?.trim() || null;
      await tx.getRepository(Delegation).update(d.id, { endsOn, endReason });
      await publishDelegationEnded(tx, { ...d, endsOn }, endReason ?? 'DELEGATION_ENDED');
      await audit(tx, ctx, d.beneficiaryId, 'endDelegation', [Domain.SOCIAL_SUMMARY]);
      return tx.getRepository(Delegation).findOneByOrFail({ id: d.id });
    });
  }
}
