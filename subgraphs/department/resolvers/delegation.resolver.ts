import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import { Delegation, MeasureLevel, MeasureStatus } from '../entities';
import { todayIso } from '../../kit/rules/calendar';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { OPEN_DELEGATION_SQL } from '../sql';
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
      'Delegates a MASP 2 in force to an association under a convention: its DELEGUE reaches the person at once.',
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
      if (m.level !== MeasureLevel.MASP_2 || m.status !== MeasureStatus.ACTIVE) {
        throw ruleError(
          DepartmentCode.DELEGATION_NOT_ALLOWED,
          'CASF L271-3',
          `seul un MASP 2 en cours peut être délégué.`,
          `only a MASP 2 in force can be delegated.`,
        );
      }
      if (startsOn < m.startsOn || startsOn >= m.endsOn)
        throw badInput(
          'startsOn',
          'La délégation commence pendant la mesure.',
          'The delegation starts during the measure.',
        );
      const open = await tx.query(OPEN_DELEGATION_SQL, [m.id, startsOn]);
      if (open.length) {
        throw ruleError(
          DepartmentCode.DELEGATION_ALREADY_ACTIVE,
          'CASF L271-3',
          `cette mesure est déjà déléguée : mettez fin à la délégation en cours d'abord.`,
          `this measure is already delegated: end the current delegation first.`,
        );
      }
      const repo = tx.getRepository(Delegation);
      const saved = await repo.save(
        repo.create({
          measureId: m.id,
          beneficiaryId: m.beneficiaryId,
          associationOrgId,
          conventionRef,
          startsOn,
          endsOn,
        }),
      );
      await audit(tx, ctx, m.beneficiaryId, 'delegateMeasure', [Domain.SOCIAL_SUMMARY]);
      return repo.findOneByOrFail({ id: saved.id });
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
      await tx.getRepository(Delegation).update(d.id, { endsOn, endReason: input.reason?.trim() || null });
      await audit(tx, ctx, d.beneficiaryId, 'endDelegation', [Domain.SOCIAL_SUMMARY]);
      return tx.getRepository(Delegation).findOneByOrFail({ id: d.id });
    });
  }
}
