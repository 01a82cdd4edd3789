import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { listNotifications, notificationType } from '../../kit/events/notifications';
import { Public } from '../../kit/schema/public';
import type { SubgraphContext } from '../../kit/server/context.type';
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
    return listNotifications(ctx.dataSource, 'mandataire', ctx.caller, { first, after });
  }

  @Public()
  @FieldResolver(() => MandataireBeneficiary, { description: 'The person it is about.' })
  beneficiary(@Root() n: MandataireNotification): MandataireBeneficiary {
    return { id: n.beneficiaryId };
  }
}
