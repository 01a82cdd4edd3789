import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { DEPARTMENT_CASE_ROLES, Domain, isDepartmentCaseWorker, Role } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import { requireRole } from '../../kit/access/authorize';
import type { Caller } from '../../kit/access/caller';
import { SubgraphContext } from '../../kit/server/context.type';
import { assertPersonReached } from '../../kit/access/department-registry';
import { ErrorCode, notReachable, userError } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { DirectPaymentBasis, DirectPaymentOrder, Lease, PayerKind, RentTerm } from '../entities';
import { BailleurErrorCode, badInput, DEPARTMENTAL_PRACTICE, refusal } from '../rules/errors';
import { ORDER_OVERLAP_SQL, ROW_OF_LEASE } from '../sql';
import type { BailleurLoaders } from '../loaders';
import { leaseReach } from '../permissions/reach';
import {
  assertDirectPaymentWithinRent,
  assertPayerMatchesBasis,
  maxDirectPaymentCents,
} from '../rules/direct-payment.rule';
import { CreateDirectPaymentOrderInput, EndDirectPaymentOrderInput } from './types/direct-payment-order.input';

type Ctx = SubgraphContext<BailleurLoaders>;

const SCHEMA = 'bailleur';
/** Département case workers set up any order; a DELEGUE or an MJPM only orders its own organisation pays. */
const ORDER_ROLES = [...DEPARTMENT_CASE_ROLES, Role.DELEGUE, Role.MJPM] as const;

/** The payer kind a DELEGUE or an MJPM may name (itself). */
const OWN_PAYER_KIND: Partial<Record<Role, PayerKind>> = {
  [Role.DELEGUE]: PayerKind.ASSOCIATION,
  [Role.MJPM]: PayerKind.MANDATAIRE,
};

function assertPayerIsCaller(caller: Caller, payerOrgId: string, payerKind: PayerKind): void {
  if (isDepartmentCaseWorker(caller)) return;
  const kinds = caller.roles.map((r) => OWN_PAYER_KIND[r]).filter(Boolean);
  if (payerOrgId !== caller.orgId || !kinds.includes(payerKind)) {
    throw userError(
      ErrorCode.FORBIDDEN,
      "Un délégataire ou un mandataire ne peut créer qu'un ordre dont il est lui-même le payeur. / A délégataire or a mandataire may only create an order it pays itself.",
      { reason: 'PAYER_NOT_CALLER' },
    );
  }
}

/**
 * CASF L271-5: only the judge orders the direct payment to the landlord, and the order exists only from the judgment
 * the département recorded (`payment-order.decided`), ending with it: nobody creates or ends one here.
 */
function refuseJudicialOrder(): never {
  throw refusal(
    BailleurErrorCode.JUDICIAL_ORDER_FROM_DEPARTMENT_ONLY,
    'CASF L271-5',
    'Un versement direct sur jugement naît du jugement enregistré par le Département et prend fin avec lui : il ne se crée ni ne se termine ici. / A direct payment on a judgment comes from the judgment the département recorded and ends with it: it is neither created nor ended here.',
    { field: 'basis' },
  );
}

function assertDate(value: string | null | undefined, field: string): void {
  if (value != null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw badInput(field, `« ${field} » doit être une date AAAA-MM-JJ.`, `"${field}" must be a date YYYY-MM-DD.`);
  }
}

@Resolver(() => DirectPaymentOrder)
export class DirectPaymentOrderResolver {
  @Mutation(() => DirectPaymentOrder, {
    description:
      'Attaches a direct-payment order to a lease (CASF L271-5: amount ≤ rent + charges in force). Département staff; a DELEGUE or an MJPM for an order it pays, on a lease within its reach.',
  })
  async createDirectPaymentOrder(
    @Arg('input', () => CreateDirectPaymentOrderInput) input: CreateDirectPaymentOrderInput,
    @Ctx() ctx: Ctx,
  ): Promise<DirectPaymentOrder> {
    requireRole(ctx.caller, ORDER_ROLES, 'createDirectPaymentOrder');
    if (input.basis === DirectPaymentBasis.MASP3_JUDGMENT) refuseJudicialOrder();
    assertDate(input.startsOn, 'startsOn');
    assertDate(input.endsOn, 'endsOn');
    if (!isUuid(input.payerOrgId))
      throw badInput(
        'payerOrgId',
        "« payerOrgId » doit être un identifiant d'organisation.",
        '"payerOrgId" must be an organisation id.',
      );
    assertPayerIsCaller(ctx.caller, input.payerOrgId, input.payerKind);
    assertPayerMatchesBasis(input.basis, input.payerKind);
    const endsOn = input.endsOn ?? null;
    if (endsOn !== null && endsOn < input.startsOn) {
      throw badInput('endsOn', '« endsOn » précède « startsOn ».', '"endsOn" is before "startsOn".');
    }
    if (!isUuid(input.leaseId)) throw notReachable('Lease');
    return ctx.dataSource.transaction(async (tx) => {
      const reach = leaseReach(ctx.caller, 'l', ctx.registry);
      // The lease row is locked: two orders created at once on one lease are checked for overlap one after the other.
      const lease = await tx
        .getRepository(Lease)
        .createQueryBuilder('l')
        .where('l.id = :id', { id: input.leaseId })
        .andWhere(reach.sql, reach.params)
        .setLock('pessimistic_write')
        .getOne();
      if (!lease) throw notReachable('Lease');
      await assertPersonReached(ctx.registry, lease.beneficiaryId, 'Lease');
      if (input.startsOn < lease.startsOn) {
        throw badInput(
          'startsOn',
          `« startsOn » précède le début du bail (${lease.startsOn}).`,
          `"startsOn" is before the lease starts (${lease.startsOn}).`,
        );
      }
      const history = await tx.getRepository(RentTerm).findBy({ leaseId: lease.id });
      assertDirectPaymentWithinRent(
        input.monthlyAmountCents,
        maxDirectPaymentCents(history, input.startsOn, endsOn, lease.rentCents + lease.chargesCents),
      );
      const overlap: unknown[] = await tx.query(ORDER_OVERLAP_SQL, [lease.id, input.startsOn, endsOn]);
      if (overlap.length) {
        throw refusal(
          BailleurErrorCode.ORDER_OVERLAP,
          'CASF L271-5',
          "Un autre ordre de versement direct couvre déjà une partie de cette période sur ce bail : terminez-le d'abord. / Another direct-payment order already covers part of this period on this lease: end it first.",
          { field: 'startsOn' },
        );
      }
      const repo = tx.getRepository(DirectPaymentOrder);
      const saved = await repo.save(
        repo.create({
          leaseId: lease.id,
          beneficiaryId: lease.beneficiaryId,
          basis: input.basis,
          payerOrgId: input.payerOrgId,
          payerKind: input.payerKind,
          monthlyAmountCents: input.monthlyAmountCents,
          startsOn: input.startsOn,
          endsOn,
          createdBy: ctx.caller.sub,
        }),
      );
      await recordWrite(tx, SCHEMA, ctx, lease.beneficiaryId, 'createDirectPaymentOrder', [
        Domain.TENANCY,
        Domain.JUDICIAL,
      ]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => DirectPaymentOrder, {
    description:
      'Ends a direct-payment order on a given day. Département staff; a DELEGUE or an MJPM for an order it pays.',
  })
  async endDirectPaymentOrder(
    @Arg('input', () => EndDirectPaymentOrderInput) input: EndDirectPaymentOrderInput,
    @Ctx() ctx: Ctx,
  ): Promise<DirectPaymentOrder> {
    requireRole(ctx.caller, ORDER_ROLES, 'endDirectPaymentOrder');
    assertDate(input.endsOn, 'endsOn');
    if (!isUuid(input.orderId)) throw notReachable('DirectPaymentOrder');
    return ctx.dataSource.transaction(async (tx) => {
      const reach = leaseReach(ctx.caller, 'l', ctx.registry);
      const qb = tx
        .getRepository(DirectPaymentOrder)
        .createQueryBuilder('o')
        .where('o.id = :id', { id: input.orderId })
        .andWhere(ROW_OF_LEASE('o', reach.sql), reach.params);
      if (!isDepartmentCaseWorker(ctx.caller)) qb.andWhere('o.payer_org_id = :payer', { payer: ctx.caller.orgId });
      const order = await qb.setLock('pessimistic_write').getOne();
      if (!order) throw notReachable('DirectPaymentOrder');
      await assertPersonReached(ctx.registry, order.beneficiaryId, 'DirectPaymentOrder');
      if (order.basis === DirectPaymentBasis.MASP3_JUDGMENT) refuseJudicialOrder();
      if (order.endsOn !== null && order.endsOn <= input.endsOn) {
        throw refusal(
          BailleurErrorCode.ORDER_ALREADY_ENDED,
          DEPARTMENTAL_PRACTICE,
          `Cet ordre prend déjà fin le ${order.endsOn}. / This order already ends on ${order.endsOn}.`,
          { field: 'endsOn' },
        );
      }
      if (input.endsOn < order.startsOn) {
        throw badInput(
          'endsOn',
          `« endsOn » précède le début de l'ordre (${order.startsOn}).`,
          `"endsOn" is before the order starts (${order.startsOn}).`,
        );
      }
      await tx
        .getRepository(DirectPaymentOrder)
        .update({ id: order.id }, { endsOn: input.endsOn, endedBy: ctx.caller.sub });
      await recordWrite(tx, SCHEMA, ctx, order.beneficiaryId, 'endDirectPaymentOrder', [Domain.TENANCY]);
      return tx.getRepository(DirectPaymentOrder).findOneByOrFail({ id: order.id });
    });
  }
}
