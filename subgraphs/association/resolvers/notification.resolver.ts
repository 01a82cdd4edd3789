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
import { delegatedFileReach } from '../permissions/reach';
import { AssociationBeneficiary } from '../entities/beneficiary.stub';
import type { AssociationLoaders } from '../loaders';

type Ctx = SubgraphContext<AssociationLoaders>;

/** What the association is told (issue 17 §5): a new delegation, its end, an avenant. SOCIAL_SUMMARY: the handover. */
export const AssociationNotification = notificationType(
  'AssociationNotification',
  Domain.SOCIAL_SUMMARY,
  'A fact the département told your association about a measure delegated to it.',
);
export type AssociationNotification = InstanceType<typeof AssociationNotification>;

/**
 * Row rule of the association's notifications (alias `n`): a person within its reach, through a delegated file it
 * reaches (permissions/reach.ts: open, within its dates) or a delegation granted to it whose closing window has not
 * passed (`reach_ends_on`, the same date its files take; a new delegation is told before any file is opened).
 */
export function associationNotificationReach(caller: Caller): Condition {
  const file = delegatedFileReach(caller, 'f');
  if (file.sql === 'FALSE') return file;
  return {
    sql: `(EXISTS (SELECT 1 FROM association.delegated_file f WHERE f.beneficiary_id = n.beneficiary_id AND ${file.sql})
      OR EXISTS (SELECT 1 FROM association.delegation d WHERE d.beneficiary_id = n.beneficiary_id
        AND d.association_org_id = :reachOrg AND d.reach_ends_on > current_date))`,
    params: file.params,
  };
}

@Resolver(() => AssociationNotification)
export class AssociationNotificationResolver {
  @Query(() => [AssociationNotification], {
    description: "Your association's notifications, oldest first; `after` is the last id of the previous page.",
  })
  async associationNotifications(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<AssociationNotification[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'associationNotifications', 'measures { … }');
    requireRole(ctx.caller, [Role.DELEGUE], 'associationNotifications');
    return listNotifications(
      ctx.dataSource,
      'association',
      ctx.caller,
      { first, after },
      associationNotificationReach(ctx.caller),
    );
  }

  @Public()
  @Subscription(() => AssociationNotification, {
    description:
      "Your association's notifications as they are recorded (the list's, live); `after` replays those after that id first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Ctx;
      refuseOwnListToDepartementStaff(ctx.caller, 'associationNotification', 'measures { … }');
      requireRole(ctx.caller, [Role.DELEGUE], 'associationNotification');
      return liveNotifications({
        dataSource: ctx.dataSource,
        schema: 'association',
        caller: ctx.caller,
        after: (args as { after?: string | null }).after,
        personReach: associationNotificationReach(ctx.caller),
        log: ctx.log,
      });
    },
  })
  associationNotification(
    @Root() n: AssociationNotification,
    @Arg('after', () => ID, { nullable: true, description: 'Replays the notifications after this id first.' })
    _after?: string,
  ): AssociationNotification {
    return n;
  }

  @Public()
  @FieldResolver(() => AssociationBeneficiary, { description: 'The person it is about.' })
  beneficiary(@Root() n: AssociationNotification): AssociationBeneficiary {
    return { id: n.beneficiaryId };
  }
}
