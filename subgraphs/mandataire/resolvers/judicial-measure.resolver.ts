import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { SubgraphContext } from '../../kit/server/context.type';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { notReachable } from '../../kit/rules/errors';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { MandataireBeneficiary } from '../entities/beneficiary.stub';
import { MandataireLease } from '../entities/lease.stub';
import { JudicialMeasure } from '../entities/judicial-measure.entity';
import { MajAccount, MajAccountOperation } from '../entities/maj-account.entity';
import { MajProtectionMeasure } from '../entities/protection-measure.entity';
import { MajRenewal } from '../entities/maj-renewal.entity';
import { MajReport } from '../entities/maj-report.entity';
import type { MandataireLoaders } from '../loaders';
import { judicialMeasureReach } from '../permissions/reach';

type Ctx = SubgraphContext<MandataireLoaders>;

@Resolver(() => JudicialMeasure)
export class JudicialMeasureResolver {
  @Query(() => [JudicialMeasure], {
    description: 'The active MAJ assigned to your service, by id; `after` is the last id of the previous page.',
  })
  async myJudicialMeasures(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<JudicialMeasure[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'myJudicialMeasures', 'judicialMeasures { … }');
    const reach = judicialMeasureReach(ctx.caller);
    const qb = ctx.dataSource
      .getRepository(JudicialMeasure)
      .createQueryBuilder('j')
      .where(reach.sql, reach.params)
      .andWhere('j.mandataire_org_id = :own', { own: ctx.caller.orgId });
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('j.id > :after', { after: cursor });
    return qb.orderBy('j.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @Query(() => JudicialMeasure, {
    nullable: true,
    description: 'One MAJ, if within your reach (otherwise FORBIDDEN, whether or not the id exists).',
  })
  async judicialMeasure(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<JudicialMeasure> {
    const found = await ctx.loaders.judicialMeasure.load(id);
    if (!found) throw notReachable('JudicialMeasure');
    return found;
  }

  @Public()
  @FieldResolver(() => MandataireBeneficiary, { description: 'The person (département) under this measure.' })
  beneficiary(@Root() j: JudicialMeasure): MandataireBeneficiary {
    return { id: j.beneficiaryId };
  }

  @Public()
  @FieldResolver(() => [MajRenewal], {
    description:
      'Renewals by reasoned decision (C. civ. 495-8), oldest first; `after` is the last id of the previous page.',
  })
  renewals(
    @Root() j: JudicialMeasure,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<MajRenewal[]> {
    return ctx.loaders.renewalsByMeasure.load(j.id, pageSize(first), afterCursor(after));
  }

  @Public()
  @FieldResolver(() => [MajReport], {
    description: "The MJPM's reports on this MAJ, newest first; `after` is the last id of the previous page.",
  })
  reports(
    @Root() j: JudicialMeasure,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<MajReport[]> {
    return ctx.loaders.reportsByMeasure.load(j.id, pageSize(first), afterCursor(after));
  }

  @ClassifiedFieldResolver(Domain.BUDGET, () => MajAccount, {
    description: "The person's account the MJPM manages under this MAJ.",
  })
  async account(@Root() j: JudicialMeasure, @Ctx() ctx: Ctx): Promise<MajAccount | null> {
    return ctx.loaders.accountByMeasure.load(j.id);
  }

  @ClassifiedFieldResolver(Domain.BUDGET, () => [MajAccountOperation], {
    description: 'Receipts and payments on the account, newest first; `after` is the last id of the previous page.',
  })
  accountOperations(
    @Root() j: JudicialMeasure,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<MajAccountOperation[]> {
    return ctx.loaders.operationsByMeasure.load(j.id, pageSize(first), afterCursor(after));
  }
}

@Resolver(() => MajAccountOperation)
export class MajAccountOperationResolver {
  @ClassifiedFieldResolver(Domain.BUDGET, () => MandataireLease, {
    description: 'For RENT_TO_LANDLORD: the lease the rent was paid on (bailleur subgraph).',
  })
  lease(@Root() o: MajAccountOperation): MandataireLease | null {
    return o.leaseId ? { id: o.leaseId, beneficiaryId: o.beneficiaryId } : null;
  }
}

@Resolver(() => MandataireBeneficiary)
export class MandataireBeneficiaryResolver {
  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [JudicialMeasure], {
    description: "This person's MAJ within your reach, newest first; `after` is the last id of the previous page.",
  })
  judicialMeasures(
    @Root() b: MandataireBeneficiary,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<JudicialMeasure[]> {
    return ctx.loaders.judicialMeasuresByBeneficiary.load(b.id, pageSize(first), afterCursor(after));
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [MajProtectionMeasure], {
    description:
      'Legal protection measures recorded by the MJPM services for this person (they exclude a MAJ), newest first.',
  })
  majProtectionMeasures(
    @Root() b: MandataireBeneficiary,
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<MajProtectionMeasure[]> {
    return ctx.loaders.protectionsByBeneficiary.load(b.id, pageSize(first), afterCursor(after));
  }
}

export const mandataireReferences = {
  JudicialMeasure: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      const found = await ctx.loaders.judicialMeasure.load(ref.id);
      if (!found) throw notReachable('JudicialMeasure');
      return found;
    },
  },
  Beneficiary: {
    __resolveReference(ref: { id: string }, ctx: Ctx) {
      ctx.registry.warm(ref.id); // département staff: one registry call for all the persons of this request
      return { id: ref.id };
    },
  },
};
