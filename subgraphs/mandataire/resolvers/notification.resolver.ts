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
import { noticeReach, personReach } from '../permissions/reach';
import { MandataireBeneficiary } from '../entities/beneficiary.stub';
import type { MandataireLoaders } from '../loaders';

type Ctx = SubgraphContext<MandataireLoaders>;

/** What the MJPM service is told (issue 17 §5): a MAJ notice, its closing, a lease of the person. JUDICIAL. */
export const MandataireNotification = notificationType(
  'MandataireNotification',
  Domain.JUDICIAL,
  'A fact the département told your service about a person under MAJ.',
);
export type MandataireNotification = InstanceType<typeof MandataireNotification>;

/**
 * Row rule of the MJPM service's notifications (alias `n`): a person for whom the département sent it a notice still
 * open (or yet to begin), or whose MAJ it runs (permissions/reach.ts, the rules of its other reads).
 */
export function mandataireNotificationReach(caller: Caller): Condition {
  const notice = noticeReach(caller, 'mn');
  const person = personReach(caller, 'n');
  if (notice.sql === 'FALSE' && person.sql === 'FALSE') return notice;
  return {
    sql: `(EXISTS (SELECT 1 FROM mandataire.maj_notice mn WHERE mn.beneficiary_id = n.beneficiary_id AND ${notice.sql}
        AND mn.ends_on > current_date AND (mn.closed_on IS NULL OR mn.closed_on > current_date))
      OR ${person.sql})`,
    params: { ...notice.params, ...person.params },
  };
}

@Resolver(() => MandataireNotification)
export class MandataireNotificationResolver {
  @Query(() => [MandataireNotification], {
    description: "Your service's notifications, oldest first; `after` is the last id of the previous page.",
  })
  async mandataireNotifications(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<MandataireNotification[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'mandataireNotifications', 'judicialMeasures { … }');
    requireRole(ctx.caller, [Role.MJPM], 'mandataireNotifications');
    return listNotifications(
      ctx.dataSource,
      'mandataire',
      ctx.caller,
      { first, after },
      mandataireNotificationReach(ctx.caller),
    );
  }

  @Public()
  @Subscription(() => MandataireNotification, {
    description:
      "Your service's notifications as they are recorded (the list's, live); `after` replays those after that id first.",
    subscribe: ({ args, context }) => {
      const ctx = context as Ctx;
      refuseOwnListToDepartementStaff(ctx.caller, 'mandataireNotification', 'judicialMeasures { … }');
      requireRole(ctx.caller, [Role.MJPM], 'mandataireNotification');
      return liveNotifications({
        dataSource: ctx.dataSource,
        schema: 'mandataire',
        caller: ctx.caller,
        after: (args as { after?: string | null }).after,
        personReach: mandataireNotificationReach(ctx.caller),
        log: ctx.log,
      });
    },
  })
  mandataireNotification(
    @Root() n: MandataireNotification,
    @Arg('after', () => ID, { nullable: true, description: 'Replays the notifications after this id first.' })
    _after?: string,
  ): MandataireNotification {
    return n;
  }

  @Public()
  @FieldResolver(() => MandataireBeneficiary, { description: 'The person it is about.' })
  beneficiary(@Root() n: MandataireNotification): MandataireBeneficiary {
    return { id: n.beneficiaryId };
  }
}
