import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode, valueFromASTUntyped } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { SubgraphContext } from '../../kit/server/context.type';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { badInput, notReachable } from '../../kit/rules/errors';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { BailleurBeneficiary, DirectPaymentOrder, Lease, RentPayment, RentTerm } from '../entities';
import { BailleurLoaders, PAYMENT_HISTORY_MONTHS, PAYMENTS_DEFAULT_LAST } from '../loaders';
import { leaseReach } from '../permissions/reach';
import { ARREARS_WINDOW_MONTHS, ArrearsSummary, combineArrears, summarizeArrears } from '../rules/arrears.rule';
import { monthOf, shiftMonth, todayIso } from '../../kit/rules/calendar';
import { RentArrears } from './types/rent-arrears.type';

type Ctx = SubgraphContext<BailleurLoaders>;

/** The arrears of each reachable lease of a person, from two batched loaders (no N+1). */
async function arrearsByLease(ctx: Ctx, beneficiaryId: string): Promise<Map<string, ArrearsSummary>> {
  const [leases, payments, declarations] = await Promise.all([
    ctx.loaders.leasesByBeneficiary.load(beneficiaryId),
    ctx.loaders.arrearsPaymentsByBeneficiary.load(beneficiaryId),
    ctx.loaders.declarationsByBeneficiary.load(beneficiaryId),
  ]);
  const since = shiftMonth(monthOf(todayIso()), -ARREARS_WINDOW_MONTHS);
  return new Map(
    leases.map((l) => [
      l.id,
      summarizeArrears(
        payments.filter((p) => p.leaseId === l.id),
        declarations
          .filter((d) => d.leaseId === l.id)
          .map((d) => ({
            months: d.months.filter((m) => m >= since),
            amountDueCents: d.amountDueCents,
            declaredAt: d.declaredAt.toISOString(),
          })),
      ),
    ]),
  );
}

@Resolver(() => Lease)
export class LeaseResolver {
  @Query(() => [Lease], {
    description: "Your organisation's leases, by id; `after` is the last id of the previous page.",
  })
  async myLeases(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<Lease[]> {
    refuseOwnListToDepartementStaff(ctx.caller, 'myLeases', 'leases { … }');
    const reach = leaseReach(ctx.caller);
    const qb = ctx.dataSource
      .getRepository(Lease)
      .createQueryBuilder('l')
      .where(reach.sql, reach.params)
      .andWhere('l.landlord_org_id = :own', { own: ctx.caller.orgId });
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('l.id > :after', { after: cursor });
    return qb.orderBy('l.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @Public()
  @FieldResolver(() => BailleurBeneficiary, { description: 'The person (département) this lease concerns.' })
  beneficiary(@Root() l: Lease): BailleurBeneficiary {
    return { id: l.beneficiaryId };
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => [RentPayment], {
    description: `The last rent payments, newest first (at most ${PAYMENT_HISTORY_MONTHS}).`,
  })
  async payments(
    @Root() l: Lease,
    @Ctx() ctx: Ctx,
    @Arg('last', () => Int, { defaultValue: PAYMENTS_DEFAULT_LAST }) last: number,
  ): Promise<RentPayment[]> {
    if (!Number.isInteger(last) || last < 1 || last > PAYMENT_HISTORY_MONTHS) {
      throw badInput(
        'last',
        `« last » doit être entre 1 et ${PAYMENT_HISTORY_MONTHS}.`,
        `"last" must be between 1 and ${PAYMENT_HISTORY_MONTHS}.`,
      );
    }
    return (await ctx.loaders.paymentsByLease.load(l.id)).slice(0, last);
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => [DirectPaymentOrder])
  directPaymentOrders(@Root() l: Lease, @Ctx() ctx: Ctx): Promise<DirectPaymentOrder[]> {
    return ctx.loaders.ordersByLease.load(l.id);
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => [RentTerm], {
    description: 'The dated rent table: rent and charges in force from each date, oldest first.',
  })
  rentHistory(@Root() l: Lease, @Ctx() ctx: Ctx): Promise<RentTerm[]> {
    return ctx.loaders.rentHistoryByLease.load(l.id);
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => RentArrears, {
    description: 'Rent arrears on this lease (CASF L271-5 alert at two consecutive unpaid months).',
  })
  async rentArrears(@Root() l: Lease, @Ctx() ctx: Ctx): Promise<RentArrears | null> {
    const summary = (await arrearsByLease(ctx, l.beneficiaryId)).get(l.id);
    return summary ? { ...summary, beneficiaryId: l.beneficiaryId } : null;
  }
}

/**
 * The largest `payments(last:)` anywhere in the operation, fragments included (its default when not given, a
 * variable's value; all the history when a value is not an integer: the field then refuses it anyway).
 */
function largestPaymentsLast(info: GraphQLResolveInfo): number {
  let largest = 0;
  const fragmentsSeen = new Set<string>();
  const lastOf = (field: FieldNode): number => {
    const arg = field.arguments?.find((a) => a.name.value === 'last');
    if (!arg) return PAYMENTS_DEFAULT_LAST;
    const value = valueFromASTUntyped(arg.value, info.variableValues);
    return Number.isInteger(value) ? (value as number) : PAYMENT_HISTORY_MONTHS;
  };
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value === 'payments') largest = Math.max(largest, lastOf(s));
        visit(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else if (!fragmentsSeen.has(s.name.value)) {
        fragmentsSeen.add(s.name.value);
        visit(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  visit(info.operation.selectionSet);
  return largest || PAYMENT_HISTORY_MONTHS;
}

@Resolver(() => BailleurBeneficiary)
export class BailleurBeneficiaryResolver {
  @ClassifiedFieldResolver(Domain.TENANCY, () => [Lease], { description: "This person's leases within your reach." })
  leases(@Root() b: BailleurBeneficiary, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<Lease[]> {
    // the leases' payments are read with them (loaders `tenancyOf`): only as many as the operation shows
    ctx.loaders.showPayments(() => largestPaymentsLast(info));
    return ctx.loaders.leasesByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => [DirectPaymentOrder], {
    description: 'Direct-payment orders on the leases of this person within your reach.',
  })
  directPaymentOrders(@Root() b: BailleurBeneficiary, @Ctx() ctx: Ctx): Promise<DirectPaymentOrder[]> {
    return ctx.loaders.ordersByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => RentArrears, {
    description:
      "Rent arrears over this person's leases within your reach (null when none): unpaid months, amount due, and the CASF L271-5 alert (two consecutive unpaid months).",
  })
  async rentArrears(@Root() b: BailleurBeneficiary, @Ctx() ctx: Ctx): Promise<RentArrears | null> {
    const perLease = [...(await arrearsByLease(ctx, b.id)).values()];
    return perLease.length ? { ...combineArrears(perLease), beneficiaryId: b.id } : null;
  }
}

/** Lease references are resolved with the caller's reach; a Beneficiary reference needs no row here. */
export const bailleurReferences = {
  Lease: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      const found = await ctx.loaders.lease.load(ref.id);
      if (!found) throw notReachable('Lease');
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
