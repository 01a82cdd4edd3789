import { Arg, Ctx, Mutation, Resolver, Root } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { notReachable } from '../../kit/rules/errors';
import {
  Beneficiary, DirectPaymentJudgment, DirectPaymentRequest, DirectPaymentRequestStatus, L2716Report, MajNotice, Measure, MeasureLevel, MeasureStatus, MeasureTerm,
  MedicalAnnex, ProcureurOutcome, ReportStatus,
} from '../entities';
import { assertRenewalBeforeTermEnd, termEndsOn } from '../rules/contract.rule';
import { todayIso } from '../../kit/rules/calendar';
import { assertDirectPaymentJudgment, assertDirectPaymentPreconditions, assertRequestComplete } from '../rules/direct-payment.rule';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { assertL271_6Preconditions, assertMajNotice } from '../rules/maj.rule';
import { endMeasureIn } from './measure.resolver';
import { audit, CASE_WORKERS, Ctx as Context, lockedMeasure, lockPerson, param, parametersOn, reachableMeasure, reachablePerson, requireCents, requireDate, requireId, requireText } from './support';
import {
  EndDirectPaymentInput, EndMajNoticeInput, OpenL2716ReportInput, RecordDirectPaymentJudgmentInput, RecordMajNoticeInput, RecordProcureurDecisionInput,
  RenewDirectPaymentInput, RequestDirectPaymentInput, SendL2716ReportInput, WriteMedicalAnnexInput,
} from './types/procedure.input';

/** The person refused the contract or breached it: a recorded refusal, or a measure ended for that reason. */
const REFUSAL_OR_BREACH_SQL = `SELECT EXISTS (SELECT 1 FROM department.contract_refusal WHERE beneficiary_id = $1)
  OR EXISTS (SELECT 1 FROM department.measure WHERE beneficiary_id = $1 AND end_reason = 'REFUSAL_OR_BREACH') AS found`;

function reportState(r: L2716Report, expected: ReportStatus): Error {
  return ruleError(DepartmentCode.L271_6_REPORT_STATE, 'CASF L271-6', `le rapport est ${r.status}, cette étape demande ${expected}.`, `the report is ${r.status}; this step needs ${expected}.`);
}

async function floorCents(tx: import('typeorm').EntityManager, on: string, dependants: number): Promise<number> {
  const params = await parametersOn(tx, on);
  return param(params, 'RESTE_A_VIVRE_FLOOR_CENTS', on) + dependants * param(params, 'RESTE_A_VIVRE_PER_DEPENDANT_CENTS', on);
}

@Resolver(() => L2716Report)
export class L2716ReportResolver {
  @ClassifiedFieldResolver(Domain.MEDICAL, () => MedicalAnnex, { description: 'The sealed medical annex (sous pli cacheté): the médecin only.' })
  async medicalAnnex(@Root() r: L2716Report, @Ctx() ctx: Context): Promise<MedicalAnnex | null> {
    return (await ctx.loaders.annexesByReport.load(r.id))[0] ?? null;
  }
}

@Resolver(() => Beneficiary)
export class BeneficiaryMedicalResolver {
  @ClassifiedFieldResolver(Domain.MEDICAL, () => [MedicalAnnex], { description: 'Medical annexes written for L271-6 reports: the médecin only.' })
  async medicalAnnexes(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<MedicalAnnex[]> {
    const reports = await ctx.loaders.reportsByBeneficiary.load(b.id);
    const annexes = await Promise.all(reports.map((r) => ctx.loaders.annexesByReport.load(r.id)));
    return annexes.flat();
  }
}

@Resolver()
export class ProcedureResolver {
  // ─── L271-5: direct payment to the landlord ──────────────────────────────────────────────────────────────────

  @Mutation(() => DirectPaymentRequest, { description: 'CASF L271-5: the PCD\'s request to the judge (refusal or breach, ≥ 2 months of arrears, complete content).' })
  async requestDirectPayment(@Arg('input') input: RequestDirectPaymentInput, @Ctx() ctx: Context): Promise<DirectPaymentRequest> {
    requireRole(ctx.caller, CASE_WORKERS, 'requestDirectPayment');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const [{ found }] = await tx.query(REFUSAL_OR_BREACH_SQL, [person.id]);
      assertDirectPaymentPreconditions(found, input.declaredArrearsMonths);
      assertRequestComplete(input);
      const requestedOn = requireDate('requestedOn', input.requestedOn);
      const repo = tx.getRepository(DirectPaymentRequest);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, status: DirectPaymentRequestStatus.FILED, requestedOn, signedBy: input.signedBy!.trim(),
        identityAndAddress: input.identityAndAddress!.trim(), payingBodies: input.payingBodies!.map((p) => p.trim()).filter(Boolean),
        landlordOrgId: requireId('landlordOrgId', input.landlordOrgId), landlordName: input.landlordName!.trim(), grounds: input.grounds!.trim(),
        declaredArrearsMonths: input.declaredArrearsMonths, landlordDeclarationRef: input.landlordDeclarationRef!.trim(),
        rentAndChargesCents: requireCents('rentAndChargesCents', input.rentAndChargesCents!),
      }));
      await audit(tx, ctx, person.id, 'requestDirectPayment', [Domain.JUDICIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Measure, { description: 'CASF L271-5: records the judgment; opens the MASP 3 measure (amount ≤ rent + charges, reste-à-vivre floor, ≤ 24 months).' })
  async recordDirectPaymentJudgment(@Arg('input') input: RecordDirectPaymentJudgmentInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordDirectPaymentJudgment');
    const request = await ctx.dataSource.getRepository(DirectPaymentRequest).findOneBy({ id: requireId('requestId', input.requestId) });
    if (!request || !(await ctx.loaders.beneficiary.load(request.beneficiaryId))) throw notReachable('DirectPaymentRequest');
    const person = (await ctx.loaders.beneficiary.load(request.beneficiaryId))!;
    const startsOn = requireDate('startsOn', input.startsOn);
    const judgmentOn = requireDate('judgmentOn', input.judgmentOn);
    const court = requireText('court', input.court);
    const reference = requireText('reference', input.reference);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const r = await tx.getRepository(DirectPaymentRequest).findOneByOrFail({ id: request.id });
      if (r.status !== DirectPaymentRequestStatus.FILED) {
        throw ruleError(DepartmentCode.REQUEST_ALREADY_JUDGED, 'CASF L271-5', `cette requête a déjà été jugée (${r.status}).`, `this request was already judged (${r.status}).`);
      }
      assertDirectPaymentJudgment({
        monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents), rentAndChargesCents: r.rentAndChargesCents,
        monthlyResourcesCents: requireCents('monthlyResourcesCents', input.monthlyResourcesCents), resteAVivreFloorCents: await floorCents(tx, startsOn, person.dependants),
        months: input.months, usedMonths: 0,
      });
      const endsOn = termEndsOn(startsOn, input.months);
      const measures = tx.getRepository(Measure);
      const m = await measures.save(measures.create({ beneficiaryId: person.id, level: MeasureLevel.MASP_3, status: MeasureStatus.ACTIVE, startsOn, endsOn, signedOn: judgmentOn }));
      const term = await tx.getRepository(MeasureTerm).save(tx.getRepository(MeasureTerm).create({ measureId: m.id, beneficiaryId: person.id, seq: 1, startsOn, endsOn, months: input.months, decidedOn: judgmentOn }));
      await tx.getRepository(DirectPaymentJudgment).insert({
        requestId: r.id, measureId: m.id, beneficiaryId: person.id, termId: term.id, court, judgmentOn, reference,
        monthlyAmountCents: input.monthlyAmountCents, monthlyResourcesCents: input.monthlyResourcesCents,
      });
      await tx.getRepository(DirectPaymentRequest).update(r.id, { status: DirectPaymentRequestStatus.GRANTED, measureId: m.id });
      await audit(tx, ctx, person.id, 'recordDirectPaymentJudgment', [Domain.JUDICIAL]);
      return measures.findOneByOrFail({ id: m.id });
    });
  }

  @Mutation(() => Measure, { description: 'CASF L271-5: a renewal judgment (≤ 24 months, 48 in all).' })
  async renewDirectPayment(@Arg('input') input: RenewDirectPaymentInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'renewDirectPayment');
    const reached = await reachableMeasure(ctx, input.measureId);
    const person = await reachablePerson(ctx, reached.beneficiaryId);
    const judgmentOn = requireDate('judgmentOn', input.judgmentOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const m = await lockedMeasure(tx, reached.id);
      if (m.level !== MeasureLevel.MASP_3 || m.status !== MeasureStatus.ACTIVE) {
        throw ruleError(DepartmentCode.MEASURE_NOT_ACTIVE, 'CASF L271-5', `aucun versement direct en cours sur cette mesure.`, `no direct payment in force on this measure.`);
      }
      const terms = await tx.getRepository(MeasureTerm).find({ where: { measureId: m.id }, order: { seq: 'ASC' } });
      const last = terms[terms.length - 1];
      assertRenewalBeforeTermEnd(judgmentOn, last.endsOn);
      assertDirectPaymentJudgment({
        monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents), rentAndChargesCents: requireCents('rentAndChargesCents', input.rentAndChargesCents),
        monthlyResourcesCents: requireCents('monthlyResourcesCents', input.monthlyResourcesCents), resteAVivreFloorCents: await floorCents(tx, last.endsOn, person.dependants),
        months: input.months, usedMonths: terms.reduce((s, t) => s + t.months, 0),
      });
      const endsOn = termEndsOn(last.endsOn, input.months);
      const term = await tx.getRepository(MeasureTerm).save(tx.getRepository(MeasureTerm).create({
        measureId: m.id, beneficiaryId: m.beneficiaryId, seq: last.seq + 1, startsOn: last.endsOn, endsOn, months: input.months, decidedOn: judgmentOn,
      }));
      const [request] = await tx.getRepository(DirectPaymentRequest).findBy({ measureId: m.id });
      await tx.getRepository(DirectPaymentJudgment).insert({
        requestId: request.id, measureId: m.id, beneficiaryId: m.beneficiaryId, termId: term.id, court: requireText('court', input.court), judgmentOn,
        reference: requireText('reference', input.reference), monthlyAmountCents: input.monthlyAmountCents, monthlyResourcesCents: input.monthlyResourcesCents,
      });
      await tx.getRepository(Measure).update(m.id, { endsOn });
      await audit(tx, ctx, m.beneficiaryId, 'renewDirectPayment', [Domain.JUDICIAL]);
      return tx.getRepository(Measure).findOneByOrFail({ id: m.id });
    });
  }

  @Mutation(() => Measure, { description: 'CASF L271-5: the direct payment ends (term, the PCD\'s request, mainlevée…).' })
  async endDirectPayment(@Arg('input') input: EndDirectPaymentInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'endDirectPayment');
    const reached = await reachableMeasure(ctx, input.measureId);
    if (reached.level !== MeasureLevel.MASP_3) throw badInput('measureId', 'Cette mesure n\'est pas un versement direct (MASP 3) : utilisez endMeasure.', 'This measure is not a direct payment (MASP 3): use endMeasure.');
    return ctx.dataSource.transaction((tx) => endMeasureIn(tx, ctx, reached.id, input, 'endDirectPayment'));
  }

  // ─── L271-6: report to the procureur, sealed medical annex, decision, MAJ notice ─────────────────────────────

  @Mutation(() => L2716Report, { description: 'CASF L271-6: opens the report to the procureur after a MASP failed (the MEDECIN then reaches the person).' })
  async openL2716Report(@Arg('input') input: OpenL2716ReportInput, @Ctx() ctx: Context): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'openL2716Report');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const openedOn = requireDate('openedOn', input.openedOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const [{ found }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM department.measure WHERE beneficiary_id = $1 AND level IN ('MASP_1', 'MASP_2'))
        OR EXISTS (SELECT 1 FROM department.contract_refusal WHERE beneficiary_id = $1) AS found`, [person.id]);
      assertL271_6Preconditions(found);
      const open = await tx.getRepository(L2716Report).createQueryBuilder('r').where('r.beneficiary_id = :id', { id: person.id }).andWhere(`r.status <> 'DECIDED'`).getCount();
      if (open) throw ruleError(DepartmentCode.L271_6_REPORT_ALREADY_OPEN, 'CASF L271-6', `un rapport est déjà en cours pour cette personne.`, `a report is already open for this person.`);
      const repo = tx.getRepository(L2716Report);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, status: ReportStatus.DRAFT, openedOn, socialEvaluation: requireText('socialEvaluation', input.socialEvaluation),
        financialEvaluation: requireText('financialEvaluation', input.financialEvaluation), actionsBilan: requireText('actionsBilan', input.actionsBilan),
      }));
      await audit(tx, ctx, person.id, 'openL2716Report', [Domain.JUDICIAL, Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => MedicalAnnex, { description: 'The médecin writes the medical annex of the person\'s L271-6 report in draft (MEDICAL; sealed when the report is sent).' })
  async writeMedicalAnnex(@Arg('input') input: WriteMedicalAnnexInput, @Ctx() ctx: Context): Promise<MedicalAnnex> {
    requireRole(ctx.caller, [Role.MEDECIN], 'writeMedicalAnnex');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const writtenOn = requireDate('writtenOn', input.writtenOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const report = await tx.getRepository(L2716Report).createQueryBuilder('r').where('r.beneficiary_id = :id', { id: person.id }).andWhere(`r.status <> 'DECIDED'`).getOne();
      if (!report || report.status !== ReportStatus.DRAFT) {
        throw ruleError(DepartmentCode.MEDICAL_ANNEX_SEALED, 'CASF L271-6', `l'annexe médicale rejoint un rapport en préparation ; une fois le rapport transmis, le pli est scellé.`,
          `the medical annex joins a report in draft; once the report is sent, the envelope is sealed.`);
      }
      const repo = tx.getRepository(MedicalAnnex);
      const saved = await repo.save(repo.create({ beneficiaryId: person.id, reportId: report.id, writtenOn, authorSub: ctx.caller.sub, content: requireText('content', input.content) }));
      await audit(tx, ctx, person.id, 'writeMedicalAnnex', [Domain.MEDICAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => L2716Report, { description: 'Sends the report to the procureur; the medical annex is sealed with it.' })
  async sendL2716Report(@Arg('input') input: SendL2716ReportInput, @Ctx() ctx: Context): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'sendL2716Report');
    const report = await this.reachableReport(ctx, input.reportId);
    const sentOn = requireDate('sentOn', input.sentOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, report.beneficiaryId);
      const r = await tx.getRepository(L2716Report).findOneByOrFail({ id: report.id });
      if (r.status !== ReportStatus.DRAFT) throw reportState(r, ReportStatus.DRAFT);
      if (sentOn < r.openedOn) throw badInput('sentOn', 'L\'envoi suit l\'ouverture du rapport.', 'Sending follows the report\'s opening.');
      await tx.getRepository(L2716Report).update(r.id, { status: ReportStatus.SENT, sentOn });
      await tx.query(`UPDATE department.medical_annex SET sealed_on = $2 WHERE report_id = $1 AND sealed_on IS NULL`, [r.id, sentOn]);
      await audit(tx, ctx, r.beneficiaryId, 'sendL2716Report', [Domain.JUDICIAL]);
      return tx.getRepository(L2716Report).findOneByOrFail({ id: r.id });
    });
  }

  @Mutation(() => L2716Report, { description: 'The procureur\'s decision on the report (C. civ. 495-2): referred to the juge des tutelles, or not.' })
  async recordProcureurDecision(@Arg('input') input: RecordProcureurDecisionInput, @Ctx() ctx: Context): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordProcureurDecision');
    const report = await this.reachableReport(ctx, input.reportId);
    const decidedOn = requireDate('decidedOn', input.decidedOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, report.beneficiaryId);
      const r = await tx.getRepository(L2716Report).findOneByOrFail({ id: report.id });
      if (r.status !== ReportStatus.SENT) throw reportState(r, ReportStatus.SENT);
      if (decidedOn < r.sentOn!) throw badInput('decidedOn', 'La décision suit l\'envoi du rapport.', 'The decision follows the report\'s sending.');
      await tx.getRepository(L2716Report).update(r.id, { status: ReportStatus.DECIDED, decisionOutcome: input.outcome, decidedOn, decisionNote: input.note ?? null });
      await audit(tx, ctx, r.beneficiaryId, 'recordProcureurDecision', [Domain.JUDICIAL]);
      return tx.getRepository(L2716Report).findOneByOrFail({ id: r.id });
    });
  }

  @Mutation(() => MajNotice, { description: 'The MAJ judgment\'s notice (which MJPM service): only after a decision to refer; gives the MJPM its reach.' })
  async recordMajNotice(@Arg('input') input: RecordMajNoticeInput, @Ctx() ctx: Context): Promise<MajNotice> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordMajNotice');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    const mandataireOrgId = requireId('mandataireOrgId', input.mandataireOrgId);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const referral = await tx.getRepository(L2716Report).findOne({
        where: { beneficiaryId: person.id, status: ReportStatus.DECIDED, decisionOutcome: ProcureurOutcome.REFERRED_TO_JUDGE }, order: { decidedOn: 'DESC' },
      });
      const protections: { kind: import('../entities').ProtectionKind }[] = await tx.query(
        `SELECT kind FROM department.protection_measure WHERE beneficiary_id = $1 AND starts_on <= $2 AND (ends_on IS NULL OR ends_on > $2)`, [person.id, startsOn]);
      assertMajNotice(!!referral, protections.map((p) => p.kind), startsOn, endsOn);
      const active = await tx.query(`SELECT 1 FROM department.maj_notice WHERE beneficiary_id = $1 AND (ends_on IS NULL OR ends_on > $2)`, [person.id, startsOn]);
      if (active.length) throw ruleError(DepartmentCode.MAJ_NOTICE_ALREADY_ACTIVE, 'C. civ. 495-8', `une MAJ est déjà en cours pour cette personne.`, `a MAJ is already in force for this person.`);
      const repo = tx.getRepository(MajNotice);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, mandataireOrgId, startsOn, endsOn, reportId: referral!.id, judgmentOn: requireDate('judgmentOn', input.judgmentOn),
        court: requireText('court', input.court), reference: requireText('reference', input.reference),
      }));
      await audit(tx, ctx, person.id, 'recordMajNotice', [Domain.JUDICIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => MajNotice, { description: 'The MAJ ends: from `endsOn` (today: at once) the MJPM no longer reaches the person.' })
  async endMajNotice(@Arg('input') input: EndMajNoticeInput, @Ctx() ctx: Context): Promise<MajNotice> {
    requireRole(ctx.caller, CASE_WORKERS, 'endMajNotice');
    const notice = await ctx.dataSource.getRepository(MajNotice).findOneBy({ id: requireId('majNoticeId', input.majNoticeId) });
    if (!notice || !(await ctx.loaders.beneficiary.load(notice.beneficiaryId))) throw notReachable('MajNotice');
    const endsOn = requireDate('endsOn', input.endsOn);
    if (endsOn < notice.startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    if (notice.endsOn && notice.endsOn <= todayIso()) throw badInput('majNoticeId', 'Cette MAJ a déjà pris fin.', 'This MAJ has already ended.');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, notice.beneficiaryId);
      await tx.getRepository(MajNotice).update(notice.id, { endsOn });
      await audit(tx, ctx, notice.beneficiaryId, 'endMajNotice', [Domain.JUDICIAL]);
      return tx.getRepository(MajNotice).findOneByOrFail({ id: notice.id });
    });
  }

  private async reachableReport(ctx: Context, id: string): Promise<L2716Report> {
    const report = await ctx.dataSource.getRepository(L2716Report).findOneBy({ id: requireId('reportId', id) });
    if (!report || !(await ctx.loaders.beneficiary.load(report.beneficiaryId))) throw notReachable('L2716Report');
    return report;
  }
}
