import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Domain, Role } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import { requireRole } from '../../kit/access/authorize';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { SubgraphContext } from '../../kit/server/context.type';
import { refuseOwnListToDepartementStaff } from '../../kit/access/department-registry';
import { ErrorCode, notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { BailleurErrorCode, badInput, DEPARTMENTAL_PRACTICE, refusal } from '../rules/errors';
import {
  DirectPaymentOrder,
  Lease,
  RentArrearsDeclaration,
  RentPayment,
  RentPaymentCorrection,
  RentPaymentStatus,
  RentTerm,
} from '../entities';
import type { BailleurLoaders } from '../loaders';
import { leaseReach } from '../permissions/reach';
import { termInForce } from '../rules/direct-payment.rule';
import { monthBounds, todayIso } from '../../kit/rules/calendar';
import { assertRentMonth } from '../rules/month.rule';
import { assertReceivedAmount, rentPaymentStatus } from '../rules/rent-payment.rule';
import { EXPECTED_PAYMENTS_SQL, INSERT_RENT_PAYMENT_SQL, ORDER_IN_MONTH } from '../sql';
import { DeclareRentArrearsInput } from './types/declare-rent-arrears.input';
import { ExpectedPayment, ExpectedPaymentStatus } from './types/expected-payment.type';
import { RentConfirmationInput, RentConfirmationItemInput } from './types/rent-confirmation.input';
import { RentConfirmationResult } from './types/rent-confirmation-result.type';
import { GraphQLMonth } from '../../kit/schema/scalars';
import { publishArrearsIfReached } from '../events/arrears';
import { formatEuros } from '../../kit/rules/french';

type Ctx = SubgraphContext<BailleurLoaders>;

const SCHEMA = 'bailleur';
/** At most this many items in one `confirmRentPayments` call (a landlord's month, paginated beyond). */
export const MAX_BATCH_ITEMS = 200;
const LANDLORD = [Role.GESTIONNAIRE_LOCATIF] as const;

/**
 * A lease of the caller's own landlord organisation, within reach, or `notReachable` (same error whether it exists or
 * not).
 */
async function ownLease(tx: EntityManager, ctx: Ctx, leaseId: string): Promise<Lease> {
  if (!isUuid(leaseId)) throw notReachable('Lease');
  const reach = leaseReach(ctx.caller);
  const lease = await tx
    .getRepository(Lease)
    .createQueryBuilder('l')
    .where('l.id = :leaseId', { leaseId })
    .andWhere(reach.sql, reach.params)
    .andWhere('l.landlord_org_id = :own', { own: ctx.caller.orgId })
    .getOne();
  if (!lease) throw notReachable('Lease');
  return lease;
}

/** The direct-payment order active on a lease during a month (the latest to start, if two share the month). */
function orderForMonth(tx: EntityManager, leaseId: string, month: string): Promise<DirectPaymentOrder | null> {
  const { first, last } = monthBounds(month);
  return tx
    .getRepository(DirectPaymentOrder)
    .createQueryBuilder('o')
    .where('o.lease_id = :leaseId', { leaseId })
    .andWhere(ORDER_IN_MONTH, { first, last })
    .orderBy('o.starts_on', 'DESC')
    .limit(1)
    .getOne();
}

function assertReceivedOn(
  amountReceivedCents: number,
  receivedOn: string | null | undefined,
  today: string,
): string | null {
  if (amountReceivedCents === 0) return null; // nothing arrived: no date
  if (!receivedOn) {
    throw badInput(
      'receivedOn',
      '« receivedOn » est requis quand un montant a été reçu.',
      '"receivedOn" is required when an amount was received.',
    );
  }
  if (receivedOn > today) {
    throw badInput('receivedOn', '« receivedOn » ne peut être dans le futur.', '"receivedOn" cannot be in the future.');
  }
  return receivedOn;
}

/**
 * One confirmation, in its own transaction. Idempotent per lease and month: the row is written with
 * INSERT … ON CONFLICT DO NOTHING against the UNIQUE (lease_id, month) constraint, so two clerks at once leave one
 * record; the same confirmation again returns that record unchanged; a different amount or date is a correction,
 * kept in rent_payment_correction with its author. Every write is recorded in the access log in the same transaction.
 */
export async function confirmOne(ctx: Ctx, month: string, item: RentConfirmationItemInput): Promise<RentPayment> {
  const today = todayIso();
  const amount = item.amountReceivedCents;
  assertReceivedAmount(Number.MAX_SAFE_INTEGER, amount); // integer, not negative; the cap needs the order
  return ctx.dataSource.transaction(async (tx) => {
    const lease = await ownLease(tx, ctx, item.leaseId);
    const order = await orderForMonth(tx, lease.id, month);
    if (!order) {
      throw refusal(
        BailleurErrorCode.NO_ACTIVE_ORDER,
        DEPARTMENTAL_PRACTICE,
        `Aucun ordre de versement direct actif sur ce bail en ${month} : aucun paiement n'est attendu. / No direct-payment order is active on this lease in ${month}: no payment is expected.`,
        { field: 'month' },
      );
    }
    assertReceivedAmount(order.monthlyAmountCents, amount);
    const receivedOn = assertReceivedOn(amount, item.receivedOn, today);
    const status = rentPaymentStatus(order.monthlyAmountCents, amount);
    const inserted: { id: string }[] = await tx.query(INSERT_RENT_PAYMENT_SQL, [
      lease.id,
      lease.beneficiaryId,
      month,
      order.monthlyAmountCents,
      amount,
      receivedOn,
      status,
      ctx.caller.sub,
    ]);
    const repo = tx.getRepository(RentPayment);
    if (inserted.length) {
      // CASF L271-5: a month found unpaid may complete two consecutive ones: the département learns it.
      if (status === 'MISSING') await publishArrearsIfReached(tx, lease, null);
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'confirmRentPayment', [Domain.TENANCY]);
      return repo.findOneByOrFail({ id: inserted[0].id });
    }
    // Already confirmed (perhaps by a clerk at this very moment: ON CONFLICT waited for their commit).
    const existing = await repo
      .createQueryBuilder('p')
      .where('p.lease_id = :leaseId AND p.month = :month', { leaseId: lease.id, month })
      .setLock('pessimistic_write')
      .getOneOrFail();
    if (existing.receivedCents === amount && (existing.receivedOn ?? null) === receivedOn) return existing;
    assertReceivedAmount(existing.expectedCents, amount);
    const corrected = rentPaymentStatus(existing.expectedCents, amount) as RentPaymentStatus;
    await tx.getRepository(RentPaymentCorrection).insert({
      paymentId: existing.id,
      beneficiaryId: existing.beneficiaryId,
      previousReceivedCents: existing.receivedCents ?? 0,
      previousReceivedOn: existing.receivedOn,
      previousStatus: existing.status,
      receivedCents: amount,
      receivedOn,
      status: corrected,
      authorSub: ctx.caller.sub,
      authorOrgId: ctx.caller.orgId,
    });
    await repo
      .createQueryBuilder()
      .update()
      .set({ receivedCents: amount, receivedOn, status: corrected, updatedAt: () => 'now()' })
      .where('id = :id', { id: existing.id })
      .execute();
    if (corrected === RentPaymentStatus.MISSING && existing.status !== RentPaymentStatus.MISSING) {
      await publishArrearsIfReached(tx, lease, null);
    }
    await recordWrite(tx, SCHEMA, ctx, existing.beneficiaryId, 'confirmRentPayment:correction', [Domain.TENANCY]);
    return repo.findOneByOrFail({ id: existing.id });
  });
}

@Resolver(() => RentPayment)
export class RentPaymentResolver {
  @Query(() => [ExpectedPayment], {
    description:
      'The payments your organisation expects for a month: one row per lease of yours with a direct-payment order active that month, by lease id; `after` is the last leaseId of the previous page.',
  })
  async expectedPayments(
    @Ctx() ctx: Ctx,
    @Arg('month', () => GraphQLMonth) month: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<ExpectedPayment[]> {
    refuseOwnListToDepartementStaff(
      ctx.caller,
      'expectedPayments',
      'leases { directPaymentOrders { … } payments { … } }',
    );
    assertRentMonth(month, 'month', '9999-12-31'); // a month to come may be listed (all PENDING)
    const limit = pageSize(first);
    const cursor = afterCursor(after);
    const { first: firstDay, last: lastDay } = monthBounds(month);
    const reach = leaseReach(ctx.caller);
    const [sql, params] = ctx.dataSource.driver.escapeQueryWithParameters(
      EXPECTED_PAYMENTS_SQL(reach.sql, !!cursor, limit),
      { ...reach.params, lastDay, firstDay, own: ctx.caller.orgId, after: cursor },
    );
    const rows: {
      lease_id: string;
      beneficiary_id: string;
      tenant_name: string;
      reference: string;
      order_id: string;
      monthly_amount_cents: number;
      payer_kind: string;
      payer_org_id: string;
    }[] = await ctx.dataSource.query(sql, params);
    if (!rows.length) return [];
    const payments = await ctx.dataSource
      .getRepository(RentPayment)
      .createQueryBuilder('p')
      .where('p.lease_id = ANY(:ids) AND p.month = :month', { ids: rows.map((r) => r.lease_id), month })
      .getMany();
    const byLease = new Map(payments.map((p) => [p.leaseId, p]));
    return rows.map((r) => {
      const payment = byLease.get(r.lease_id) ?? null;
      return {
        leaseId: r.lease_id,
        month,
        orderId: r.order_id,
        beneficiaryId: r.beneficiary_id,
        tenantName: r.tenant_name,
        reference: r.reference,
        expectedCents: r.monthly_amount_cents,
        payerKind: r.payer_kind as ExpectedPayment['payerKind'],
        payerOrgId: r.payer_org_id,
        receivedCents: payment?.receivedCents ?? null,
        status: payment ? (payment.status as string as ExpectedPaymentStatus) : ExpectedPaymentStatus.PENDING,
        payment,
      };
    });
  }

  @Mutation(() => RentPayment, {
    description:
      'Confirms what arrived for one lease and month (CONFIRMED, PARTIAL, or MISSING when 0). Idempotent per lease and month; a different amount or date is recorded as a correction.',
  })
  async confirmRentPayment(
    @Arg('input', () => RentConfirmationInput) input: RentConfirmationInput,
    @Ctx() ctx: Ctx,
  ): Promise<RentPayment> {
    requireRole(ctx.caller, LANDLORD, 'confirmRentPayment');
    const month = assertRentMonth(input.month, 'month');
    return confirmOne(ctx, month, input);
  }

  @Mutation(() => [RentConfirmationResult], {
    description: `A month of confirmations in one call (at most ${MAX_BATCH_ITEMS} items). The shape of every item (amounts, dates) is checked first: a malformed item refuses the whole batch, nothing written. Then each item runs in its own transaction, with its own result: a refused item writes nothing and does not undo the others.`,
  })
  async confirmRentPayments(
    @Arg('month', () => GraphQLMonth) month: string,
    @Arg('items', () => [RentConfirmationItemInput]) items: RentConfirmationItemInput[],
    @Ctx() ctx: Ctx,
  ): Promise<RentConfirmationResult[]> {
    requireRole(ctx.caller, LANDLORD, 'confirmRentPayments');
    assertRentMonth(month, 'month');
    if (items.length < 1 || items.length > MAX_BATCH_ITEMS) {
      throw badInput(
        'items',
        `« items » doit compter de 1 à ${MAX_BATCH_ITEMS} éléments.`,
        `"items" must hold 1 to ${MAX_BATCH_ITEMS} items.`,
      );
    }
    const results: RentConfirmationResult[] = [];
    for (const item of items) {
      try {
        const payment = await confirmOne(ctx, month, item);
        results.push({
          leaseId: item.leaseId,
          ok: true,
          payment,
          errorCode: null,
          errorMessage: null,
          errorField: null,
        });
      } catch (e) {
        const code = e instanceof GraphQLError ? (e.extensions?.code as string | undefined) : undefined;
        if (!code) ctx.log.error({ err: e, leaseId: item.leaseId }, 'confirmRentPayments: unexpected error on an item');
        results.push({
          leaseId: item.leaseId,
          ok: false,
          payment: null,
          errorCode: code ?? ErrorCode.INTERNAL_SERVER_ERROR,
          errorMessage: code ? (e as GraphQLError).message : 'Unexpected error.',
          errorField: code ? (((e as GraphQLError).extensions?.field as string | undefined) ?? null) : null,
        });
      }
    }
    return results;
  }

  @Mutation(() => RentArrearsDeclaration, {
    description:
      'Declares rent unpaid for the given months and the total due (two consecutive months raise the CASF L271-5 alert).',
  })
  async declareRentArrears(
    @Arg('input', () => DeclareRentArrearsInput) input: DeclareRentArrearsInput,
    @Ctx() ctx: Ctx,
  ): Promise<RentArrearsDeclaration> {
    requireRole(ctx.caller, LANDLORD, 'declareRentArrears');
    const months = [...new Set(input.months)].sort();
    if (months.length < 1 || months.length > 24 || months.length !== input.months.length) {
      throw badInput(
        'months',
        '« months » doit compter de 1 à 24 mois distincts.',
        '"months" must hold 1 to 24 distinct months.',
      );
    }
    for (const m of months) assertRentMonth(m, 'months');
    if (!Number.isInteger(input.amountDueCents) || input.amountDueCents <= 0) {
      throw badInput(
        'amountDueCents',
        '« amountDueCents » doit être un nombre entier de centimes, positif.',
        '"amountDueCents" must be a positive whole number of cents.',
      );
    }
    return ctx.dataSource.transaction(async (tx) => {
      const lease = await ownLease(tx, ctx, input.leaseId);
      if (months[0] < lease.startsOn.slice(0, 7)) {
        throw badInput(
          'months',
          `« months » : le bail commence le ${lease.startsOn}.`,
          `"months": the lease starts on ${lease.startsOn}.`,
        );
      }
      const history = await tx.getRepository(RentTerm).findBy({ leaseId: lease.id });
      const due = months.reduce((sum, m) => {
        const term = termInForce(history, monthBounds(m).first);
        return sum + (term ? term.rentCents + term.chargesCents : lease.rentCents + lease.chargesCents);
      }, 0);
      if (input.amountDueCents > due) {
        throw badInput(
          'amountDueCents',
          `« amountDueCents » (${formatEuros(input.amountDueCents)}) dépasse le loyer et les charges de ces mois (${formatEuros(due)}).`,
          `"amountDueCents" (${input.amountDueCents}) exceeds the rent and charges of those months (${due} cents).`,
        );
      }
      const saved = await tx.getRepository(RentArrearsDeclaration).save(
        tx.getRepository(RentArrearsDeclaration).create({
          leaseId: lease.id,
          beneficiaryId: lease.beneficiaryId,
          months,
          amountDueCents: input.amountDueCents,
          declaredBy: ctx.caller.sub,
        }),
      );
      // CASF L271-5: a declaration completing two consecutive unpaid months is the landlord's record the département
      // files its request on.
      await publishArrearsIfReached(tx, lease, saved.id);
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'declareRentArrears', [Domain.TENANCY]);
      return tx.getRepository(RentArrearsDeclaration).findOneByOrFail({ id: saved.id });
    });
  }

  @ClassifiedFieldResolver(Domain.TENANCY, () => [RentPaymentCorrection], {
    description: 'Corrections of this confirmation, oldest first, each with its author.',
  })
  corrections(@Root() p: RentPayment, @Ctx() ctx: Ctx): Promise<RentPaymentCorrection[]> {
    return ctx.loaders.correctionsByPayment.load(p.id);
  }
}
