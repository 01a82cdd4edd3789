import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import type { Caller } from '../../kit/access/caller';
import type { Condition } from '../../kit/access/reach';
import { liveNotifications } from '../../kit/events/live';
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

/** Row rule of the référent's notifications (alias `n`): a person within its reach (permissions/reach.ts). */
export function referentNotificationReach(caller: Caller): Condition {
  const reach = beneficiaryReach(caller, 'b');
  return {
    sql: `EXISTS (SELECT 1 FROM department.beneficiary b WHERE b.id = n.beneficiary_id AND ${reach.sql})`,
    params: reach.params,
  };
}

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
    return listNotifications(
      ctx.dataSource,
      'department',
      ctx.caller,
      { first, after },
      referentNotificationReach(ctx.caller),
    );
  }

  @Public()
  @Subscription(() => ReferentNotification, {
    description:
      "Your notifications as they are recorded (the list's, live): those for your département (or for you) about persons within your reach; `after` replays those after that id first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Context;
      requireRole(ctx.caller, CASE_WORKERS, 'referentNotification');
      return liveNotifications({
        dataSource: ctx.dataSource,
        schema: 'department',
        caller: ctx.caller,
        after: (args as { after?: string | null }).after,
        personReach: referentNotificationReach(ctx.caller),
        log: ctx.log,
      });
    },
  })
  referentNotification(
    @Root() n: ReferentNotification,
    @Arg('after', () => ID, { nullable: true, description: 'Replays the notifications after this id first.' })
    _after?: string,
  ): ReferentNotification {
    return n;
  }

  @Public()
  @FieldResolver(() => Beneficiary, { nullable: true, description: 'The person it is about.' })
  beneficiary(@Root() n: ReferentNotification, @Ctx() ctx: Context): Promise<Beneficiary | null> {
    return ctx.loaders.beneficiary.load(n.beneficiaryId);
  }
}
