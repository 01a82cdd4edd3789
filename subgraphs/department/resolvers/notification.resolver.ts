import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { listNotifications, notificationType } from '../../kit/events/notifications';
import { Public } from '../../kit/schema/public';
import { Beneficiary } from '../entities';
import { beneficiaryReach } from '../permissions/reach';
import { CASE_WORKERS, Ctx as Context } from './support';

/**
 * What the référent is told (issue 17 §5): two months of arrears, a contract ending within 30 days, a direct payment
 * or a MAJ ending. SOCIAL: the life of the case the référent runs.
 */
export const ReferentNotification = notificationType(
  'ReferentNotification',
  Domain.SOCIAL,
  'A fact about a person you follow, told by a partner or by the term of a measure.',
);
export type ReferentNotification = InstanceType<typeof ReferentNotification>;

@Resolver(() => ReferentNotification)
export class ReferentNotificationResolver {
  @Query(() => [ReferentNotification], {
    description:
      'Your notifications, oldest first: those for your département (or for you) about persons within your reach; `after` is the last id of the previous page.',
  })
  async referentNotifications(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<ReferentNotification[]> {
    requireRole(ctx.caller, CASE_WORKERS, 'referentNotifications');
    const reach = beneficiaryReach(ctx.caller, 'b');
    return listNotifications(
      ctx.dataSource,
      'department',
      ctx.caller,
      { first, after },
      {
        sql: `EXISTS (SELECT 1 FROM department.beneficiary b WHERE b.id = n.beneficiary_id AND ${reach.sql})`,
        params: reach.params,
      },
    );
  }

  @Public()
  @FieldResolver(() => Beneficiary, { nullable: true, description: 'The person it is about.' })
  beneficiary(@Root() n: ReferentNotification, @Ctx() ctx: Context): Promise<Beneficiary | null> {
    return ctx.loaders.beneficiary.load(n.beneficiaryId);
  }
}
