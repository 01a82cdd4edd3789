import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { todayIso } from '../../kit/rules/calendar';
import {
  DirectPaymentJudgment,
  DirectPaymentRequest,
  DirectPaymentRequestStatus,
  Measure,
  MeasureLevel,
  MeasureStatus,
  MeasureTerm,
  ArrearsFact,
  LeaseFact,
  PaymentOrder,
} from '../entities';
import { decidePaymentOrder, endPaymentOrdersOfMeasure } from './payment-order';
import { assertRenewalBeforeTermEnd, termEndsOn } from '../rules/contract.rule';
import {
  assertArrearsFromLandlordRecords,
  assertDirectPaymentJudgment,
  assertDirectPaymentPreconditions,
  assertLeaseOfPerson,
  assertNoDirectPaymentRunning,
  assertRequestComplete,
  consecutiveMonths,
  DirectPaymentRequester,
  resteAVivreFloorCents,
  resteAVivreWarning,
} from '../rules/direct-payment.rule';
import { assertNotInFuture } from '../rules/decision-date.rule';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { notifyDirectPaymentJudgment, notifyDirectPaymentRequest } from '../letters/notify';
import { endMeasureIn } from './contract.resolver';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  lockedMeasure,
  lockPerson,
  parametersOn,
  reachableMeasure,
  reachablePerson,
  requireCents,
  requireDate,
  requireId,
  requireText,
} from './support';
import {
  EndDirectPaymentInput,
  RecordDirectPaymentDismissalInput,
  RecordDirectPaymentJudgmentInput,
  RenewDirectPaymentInput,
  RequestDirectPaymentInput,
} from './types/procedure.input';
import { labelFr } from '../../kit/rules/french';
import { DIRECT_PAYMENT_REQUEST_STATUS_FR } from '../rules/labels';

/**
 * CASF L271-5: the ground of a request for person `$1`: the person refused a contract proposed to them (the refusal
 * tied to its proposal, refuseContractProposal), or breached a contract (recorded, or the measure ended for it).
 */
const PROPOSAL_REFUSED_OR_BREACH_SQL = `SELECT EXISTS (SELECT 1 FROM department.contract_refusal r WHERE r.beneficiary_id = $1
      AND ((r.kind = 'REFUSAL' AND r.proposal_id IS NOT NULL) OR r.kind = 'BREACH'))
  OR EXISTS (SELECT 1 FROM department.measure WHERE beneficiary_id = $1 AND end_reason = 'REFUSAL_OR_BREACH') AS found`;

/**
 * CASF L271-5: what already runs for person `$1` on day `$2`: a payment order in force, an active MASP 3, or a
 * request awaiting judgment (`kind`), or no row.
 */
const DIRECT_PAYMENT_RUNNING_SQL = `SELECT kind FROM (
    SELECT 'ORDER' AS kind, 1 AS rank FROM department.payment_order
     WHERE beneficiary_id = $1 AND status = 'ACTIVE' AND ends_on >= $2::date
    UNION ALL SELECT 'MEASURE', 2 FROM department.measure
     WHERE beneficiary_id = $1 AND level = 'MASP_3' AND status = 'ACTIVE' AND ends_on > $2::date
    UNION ALL SELECT 'REQUEST', 3 FROM department.direct_payment_request WHERE beneficiary_id = $1 AND status = 'FILED'
  ) r ORDER BY rank LIMIT 1`;

/**
 * CASF L271-5: the household's reste-à-vivre floor on `on`: the RSA montant forfaitaire of its composition (R262-1,
 * RSA_BASE_CENTS, dated), raised by the département's own floor where it set one; null when neither is in force.
 */
async function householdFloorCents(
  tx: EntityManager,
  on: string,
  household: { householdType: string | null; dependants: number },
): Promise<number | null> {
  const params = await parametersOn(tx, on);
  const rsa = params.get('RSA_BASE_CENTS');
  const base = params.get('RESTE_A_VIVRE_FLOOR_CENTS');
  const perDependant = params.get('RESTE_A_VIVRE_PER_DEPENDANT_CENTS') ?? 0;
  const local = base === undefined ? 0 : base + household.dependants * perDependant;
  if (rsa === undefined && base === undefined) return null;
  return resteAVivreFloorCents(rsa ?? 0, household, local);
}

/** CASF L271-5: the PCD asks the judge for the direct payment of the rent to the landlord (MASP 3), renewed, ended. */
@Resolver()
export class DirectPaymentResolver {
  @Mutation(() => DirectPaymentRequest, {
    description:
      "CASF L271-5: the PCD's request to the judge (refusal or breach, ≥ 2 months of arrears, complete content).",
  })
  async requestDirectPayment(
    @Arg('input') input: RequestDirectPaymentInput,
    @Ctx() ctx: Context,
  ): Promise<DirectPaymentRequest> {
    requireRole(ctx.caller, CASE_WORKERS, 'requestDirectPayment');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const leaseId = input.leaseId && isUuid(input.leaseId) ? input.leaseId.toLowerCase() : null;
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const [{ found }] = await tx.query(PROPOSAL_REFUSED_OR_BREACH_SQL, [person.id]);
      assertDirectPaymentPreconditions(found);
      const [running] = await tx.query(DIRECT_PAYMENT_RUNNING_SQL, [person.id, todayIso()]);
      assertNoDirectPaymentRunning(running?.kind ?? null);
      const requestedOn = input.requestedOn ? requireDate('requestedOn', input.requestedOn) : todayIso();
      assertNotInFuture('requestedOn', requestedOn, todayIso(), 'DIRECT_PAYMENT');
      const lease = leaseId ? await tx.getRepository(LeaseFact).findOneBy({ leaseId }) : null;
      assertLeaseOfPerson(lease, person.id, requestedOn);
      const arrears = await tx
        .getRepository(ArrearsFact)
        .findOne({ where: { leaseId: lease!.leaseId }, order: { reachedOn: 'DESC' } });
      assertArrearsFromLandlordRecords(arrears);
      const rentAndChargesCents = lease!.rentCents + lease!.chargesCents;
      const declarationRef = arrears!.declarationId ?? `impayés ${arrears!.unpaidMonths.join(', ')}`;
      assertRequestComplete({
        ...input,
        landlordOrgId: lease!.landlordOrgId,
        landlordDeclarationRef: declarationRef,
        rentAndChargesCents,
      });
      // CASF L271-5: the floor is the request's concern, a warning for the judge (who sets the amount), never a refusal
      const resources =
        input.monthlyResourcesCents == null ? null : requireCents('monthlyResourcesCents', input.monthlyResourcesCents);
      const floor = resources == null ? null : await householdFloorCents(tx, requestedOn, person);
      const check =
        resources == null || floor == null ? null : resteAVivreWarning(resources, rentAndChargesCents, floor);
      const repo = tx.getRepository(DirectPaymentRequest);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          requester: input.requester ?? DirectPaymentRequester.DEPARTEMENT,
          monthlyResourcesCents: resources,
          resteAVivreFloorCents: floor,
          resteAVivreWarning: check?.warning ?? null,
          status: DirectPaymentRequestStatus.FILED,
          requestedOn,
          signedBy: input.signedBy!.trim(),
          identityAndAddress: input.identityAndAddress!.trim(),
          payingBodies: input.payingBodies!.map((p) => p.trim()).filter(Boolean),
          landlordOrgId: lease!.landlordOrgId,
          landlordName: input.landlordName!.trim(),
          grounds: input.grounds!.trim(),
          declaredArrearsMonths: consecutiveMonths(arrears!.unpaidMonths),
          landlordDeclarationRef: declarationRef,
          rentAndChargesCents,
          leaseId: lease!.leaseId,
          arrearsFactId: arrears!.id,
        }),
      );
      await audit(tx, ctx, person.id, 'requestDirectPayment', [Domain.JUDICIAL]);
      await notifyDirectPaymentRequest(tx, saved, {
        requestedOn,
        landlordName: saved.landlordName,
        rentAndChargesCents,
        arrearsMonths: saved.declaredArrearsMonths,
      }); // the letter (issue 18)
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Measure, {
    description:
      'CASF L271-5: records the judgment; opens the MASP 3 measure (amount ≤ rent + charges, reste-à-vivre floor, ≤ 24 months).',
  })
  async recordDirectPaymentJudgment(
    @Arg('input') input: RecordDirectPaymentJudgmentInput,
    @Ctx() ctx: Context,
  ): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordDirectPaymentJudgment');
    const request = await ctx.dataSource
      .getRepository(DirectPaymentRequest)
      .findOneBy({ id: requireId('requestId', input.requestId) });
    if (!request || !(await ctx.loaders.beneficiary.load(request.beneficiaryId)))
      throw notReachable('DirectPaymentRequest');
    const person = (await ctx.loaders.beneficiary.load(request.beneficiaryId))!;
    const startsOn = requireDate('startsOn', input.startsOn);
    const judgmentOn = requireDate('judgmentOn', input.judgmentOn);
    assertNotInFuture('judgmentOn', judgmentOn, todayIso(), 'DIRECT_PAYMENT');
    const court = requireText('court', input.court);
    const reference = requireText('reference', input.reference);
    const payingBodyOrgId = requireId('payingBodyOrgId', input.payingBodyOrgId);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const r = await tx.getRepository(DirectPaymentRequest).findOneByOrFail({ id: request.id });
      if (r.status !== DirectPaymentRequestStatus.FILED) {
        throw ruleError(
          DepartmentCode.REQUEST_ALREADY_JUDGED,
          'CASF L271-5',
          `cette requête a déjà été jugée (${labelFr(DIRECT_PAYMENT_REQUEST_STATUS_FR, r.status)}).`,
          `this request was already judged (${r.status}).`,
        );
      }
      // the judge decides the amount: no reste-à-vivre floor refuses recording the judgment (CASF L271-5)
      requireCents('monthlyResourcesCents', input.monthlyResourcesCents);
      assertDirectPaymentJudgment({
        monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents),
        rentAndChargesCents: r.rentAndChargesCents,
        months: input.months,
        usedMonths: 0,
      });
      const endsOn = termEndsOn(startsOn, input.months);
      const measures = tx.getRepository(Measure);
      const m = await measures.save(
        measures.create({
          beneficiaryId: person.id,
          level: MeasureLevel.MASP_3,
          status: MeasureStatus.ACTIVE,
          startsOn,
          endsOn,
          signedOn: judgmentOn,
        }),
      );
      const term = await tx.getRepository(MeasureTerm).save(
        tx.getRepository(MeasureTerm).create({
          measureId: m.id,
          beneficiaryId: person.id,
          seq: 1,
          startsOn,
          endsOn,
          months: input.months,
          decidedOn: judgmentOn,
        }),
      );
      const judgment = await tx.getRepository(DirectPaymentJudgment).insert({
        requestId: r.id,
        measureId: m.id,
        beneficiaryId: person.id,
        termId: term.id,
        court,
        judgmentOn,
        reference,
        monthlyAmountCents: input.monthlyAmountCents,
        monthlyResourcesCents: input.monthlyResourcesCents,
      });
      await tx.getRepository(DirectPaymentRequest).update(r.id, {
        status: DirectPaymentRequestStatus.GRANTED,
        measureId: m.id,
        judgedOn: judgmentOn,
        judgmentCourt: court,
        judgmentReference: reference,
      });
      // CASF L271-5: the judgment's order, on the request's lease, ending with its term; the landlord learns it.
      const lease = r.leaseId ? await tx.getRepository(LeaseFact).findOneBy({ leaseId: r.leaseId }) : null;
      assertLeaseOfPerson(lease, person.id, startsOn);
      await decidePaymentOrder(tx, {
        judgmentId: judgment.identifiers[0].id as string,
        measureId: m.id,
        beneficiaryId: person.id,
        lease: lease!,
        payerOrgId: payingBodyOrgId,
        monthlyAmountCents: input.monthlyAmountCents,
        term: { startsOn, endsOn },
      });
      await audit(tx, ctx, person.id, 'recordDirectPaymentJudgment', [Domain.JUDICIAL]);
      await notifyDirectPaymentJudgment(tx, m, {
        court,
        judgmentOn,
        reference,
        monthlyAmountCents: input.monthlyAmountCents,
        startsOn,
        endsOn,
        renewal: false,
      }); // the letter (issue 18)
      return measures.findOneByOrFail({ id: m.id });
    });
  }

  @Mutation(() => Measure, { description: 'CASF L271-5: a renewal judgment (≤ 24 months, 48 in all).' })
  async renewDirectPayment(@Arg('input') input: RenewDirectPaymentInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'renewDirectPayment');
    const reached = await reachableMeasure(ctx, input.measureId);
    const person = await reachablePerson(ctx, reached.beneficiaryId);
    const judgmentOn = requireDate('judgmentOn', input.judgmentOn);
    assertNotInFuture('judgmentOn', judgmentOn, todayIso(), 'DIRECT_PAYMENT');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const m = await lockedMeasure(tx, reached.id);
      if (m.level !== MeasureLevel.MASP_3 || m.status !== MeasureStatus.ACTIVE) {
        throw ruleError(
          DepartmentCode.MEASURE_NOT_ACTIVE,
          'CASF L271-5',
          `aucun versement direct en cours sur cette mesure.`,
          `no direct payment in force on this measure.`,
        );
      }
      const terms = await tx.getRepository(MeasureTerm).find({ where: { measureId: m.id }, order: { seq: 'ASC' } });
      const last = terms[terms.length - 1];
      assertRenewalBeforeTermEnd(judgmentOn, last.endsOn);
      requireCents('monthlyResourcesCents', input.monthlyResourcesCents);
      assertDirectPaymentJudgment({
        monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents),
        rentAndChargesCents: requireCents('rentAndChargesCents', input.rentAndChargesCents),
        months: input.months,
        usedMonths: terms.reduce((s, t) => s + t.months, 0),
      });
      const endsOn = termEndsOn(last.endsOn, input.months);
      const term = await tx.getRepository(MeasureTerm).save(
        tx.getRepository(MeasureTerm).create({
          measureId: m.id,
          beneficiaryId: m.beneficiaryId,
          seq: last.seq + 1,
          startsOn: last.endsOn,
          endsOn,
          months: input.months,
          decidedOn: judgmentOn,
        }),
      );
      const [request] = await tx.getRepository(DirectPaymentRequest).findBy({ measureId: m.id });
      const renewal = await tx.getRepository(DirectPaymentJudgment).insert({
        requestId: request.id,
        measureId: m.id,
        beneficiaryId: m.beneficiaryId,
        termId: term.id,
        court: requireText('court', input.court),
        judgmentOn,
        reference: requireText('reference', input.reference),
        monthlyAmountCents: input.monthlyAmountCents,
        monthlyResourcesCents: input.monthlyResourcesCents,
      });
      await tx.getRepository(Measure).update(m.id, { endsOn });
      // The renewal's order follows the last one, on the same lease and paid by the same body, for the new term.
      const previous = await tx
        .getRepository(PaymentOrder)
        .findOne({ where: { measureId: m.id }, order: { startsOn: 'DESC' } });
      const lease = previous ? await tx.getRepository(LeaseFact).findOneBy({ leaseId: previous.leaseId }) : null;
      if (previous && lease) {
        assertLeaseOfPerson(lease, m.beneficiaryId, last.endsOn);
        await decidePaymentOrder(tx, {
          judgmentId: renewal.identifiers[0].id as string,
          measureId: m.id,
          beneficiaryId: m.beneficiaryId,
          lease,
          payerOrgId: previous.payerOrgId,
          monthlyAmountCents: input.monthlyAmountCents,
          term: { startsOn: last.endsOn, endsOn },
        });
      }
      await audit(tx, ctx, m.beneficiaryId, 'renewDirectPayment', [Domain.JUDICIAL]);
      await notifyDirectPaymentJudgment(tx, m, {
        court: input.court.trim(),
        judgmentOn,
        reference: input.reference.trim(),
        monthlyAmountCents: input.monthlyAmountCents,
        startsOn: last.endsOn,
        endsOn,
        renewal: true,
      }); // the letter (issue 18)
      return tx.getRepository(Measure).findOneByOrFail({ id: m.id });
    });
  }

  @Mutation(() => DirectPaymentRequest, {
    description: 'CASF L271-5: the judge dismissed the request: recorded as DISMISSED, no measure, no payment order.',
  })
  async recordDirectPaymentDismissal(
    @Arg('input') input: RecordDirectPaymentDismissalInput,
    @Ctx() ctx: Context,
  ): Promise<DirectPaymentRequest> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordDirectPaymentDismissal');
    const request = await ctx.dataSource
      .getRepository(DirectPaymentRequest)
      .findOneBy({ id: requireId('requestId', input.requestId) });
    if (!request || !(await ctx.loaders.beneficiary.load(request.beneficiaryId)))
      throw notReachable('DirectPaymentRequest');
    const judgmentOn = requireDate('judgmentOn', input.judgmentOn);
    assertNotInFuture('judgmentOn', judgmentOn, todayIso(), 'DIRECT_PAYMENT');
    const court = requireText('court', input.court);
    const reference = requireText('reference', input.reference);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, request.beneficiaryId);
      const r = await tx.getRepository(DirectPaymentRequest).findOneByOrFail({ id: request.id });
      if (r.status !== DirectPaymentRequestStatus.FILED) {
        throw ruleError(
          DepartmentCode.REQUEST_ALREADY_JUDGED,
          'CASF L271-5',
          `cette requête a déjà été jugée (${r.status}).`,
          `this request was already judged (${r.status}).`,
        );
      }
      if (judgmentOn < r.requestedOn)
        throw badInput(
          'judgmentOn',
          `Le jugement suit la requête (${r.requestedOn}).`,
          `The judgment follows the request (${r.requestedOn}).`,
        );
      await tx.getRepository(DirectPaymentRequest).update(r.id, {
        status: DirectPaymentRequestStatus.DISMISSED,
        judgedOn: judgmentOn,
        judgmentCourt: court,
        judgmentReference: reference,
      });
      await audit(tx, ctx, r.beneficiaryId, 'recordDirectPaymentDismissal', [Domain.JUDICIAL]);
      return tx.getRepository(DirectPaymentRequest).findOneByOrFail({ id: r.id });
    });
  }

  @Mutation(() => Measure, {
    description: "CASF L271-5: the direct payment ends (term, the PCD's request, mainlevée…).",
  })
  async endDirectPayment(@Arg('input') input: EndDirectPaymentInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'endDirectPayment');
    const reached = await reachableMeasure(ctx, input.measureId);
    if (reached.level !== MeasureLevel.MASP_3)
      throw badInput(
        'measureId',
        "Cette mesure n'est pas un versement direct (MASP 3) : utilisez endMeasure.",
        'This measure is not a direct payment (MASP 3): use endMeasure.',
      );
    return ctx.dataSource.transaction(async (tx) => {
      const ended = await endMeasureIn(tx, ctx, reached.id, input, 'endDirectPayment');
      // An ended judgment ends its orders (the landlord and the référent learn it).
      await endPaymentOrdersOfMeasure(tx, ended.id, ended.endedOn!, input.reason);
      return ended;
    });
  }
}
