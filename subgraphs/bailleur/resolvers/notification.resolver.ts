import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { liveNotifications } from '../../kit/events/live';
import { listNotifications, notificationType } from '../../kit/events/notifications';
import { Public } from '../../kit/schema/public';
import type { Caller } from '../../kit/access/caller';
import type { Condition } from '../../kit/access/reach';
import type { SubgraphContext } from '../../kit/server/context.type';
import { leaseReach } from '../permissions/reach';
import { BailleurBeneficiary } from '../entities';
import type { BailleurLoaders } from '../loaders';

type Ctx = SubgraphContext<BailleurLoaders>;

/**
 * What the landlord is told (issue 17 §5): a direct payment of rent decided or ended. TENANCY: the existence and end
 * date of a direct payment, nothing of its legal basis (schema/policy.md › Why).
 */
export const LandlordNotification = notificationType(
  'LandlordNotification',
  Domain.TENANCY,
  'A fact the département told you about the rent of one of your tenants.',
);
export type LandlordNotification = InstanceType<typeof LandlordNotification>;

/**
 * Row rule of the landlord's notifications (alias `n`): a tenant of one of its own leases (permissions/reach.ts, the
 * rule of its other reads), which is also where its payment orders hang.
 */
export function landlordNotificationReach(caller: Caller): Condition {
  const lease = leaseReach(caller, 'l');
  if (lease.sql === 'FALSE') return lease;
  return {
    sql: `EXISTS (SELECT 1 FROM bailleur.lease l WHERE l.beneficiary_id = n.beneficiary_id AND ${lease.sql})`,
    params: lease.params,
  };
}

@Resolver(() => LandlordNotification)
export class LandlordNotificationResolver {
  @Query(() => [LandlordNotification], {
    description: "Your organisation's notifications, oldest first; `after` is the last id of the previous page.",
  })
  async landlordNotifications(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<LandlordNotification[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'landlordNotifications', 'leases { … }');
    requireRole(ctx.caller, [Role.GESTIONNAIRE_LOCATIF], 'landlordNotifications');
    return listNotifications(
      ctx.dataSource,
      'bailleur',
      ctx.caller,
      { first, after },
      landlordNotificationReach(ctx.caller),
    );
  }

  @Public()
  @Subscription(() => LandlordNotification, {
    description:
      "Your organisation's notifications as they are recorded (the list's, live); `after` replays those after that id first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Ctx;
      refuseOwnListToDepartementStaff(ctx.caller, 'landlordNotification', 'leases { … }');
      requireRole(ctx.caller, [Role.GESTIONNAIRE_LOCATIF], 'landlordNotification');
      return liveNotifications({
        dataSource: ctx.dataSource,
        schema: 'bailleur',
        caller: ctx.caller,
        after: (args as { after?: string | null }).after,
        personReach: landlordNotificationReach(ctx.caller),
        log: ctx.log,
      });
    },
  })
  landlordNotification(
    @Root() n: LandlordNotification,
    @Arg('after', () => ID, { nullable: true, description: 'Replays the notifications after this id first.' })
    _after?: string,
  ): LandlordNotification {
    return n;
  }

  @Public()
  @FieldResolver(() => BailleurBeneficiary, { description: 'The person it is about.' })
  beneficiary(@Root() n: LandlordNotification): BailleurBeneficiary {
    return { id: n.beneficiaryId };
  }
}
