import { Arg, Ctx, Mutation, Resolver, Root } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { notReachable } from '../../kit/rules/errors';
import { L2716Report, MedicalAnnex, ReportStatus } from '../entities';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { assertL271_6Preconditions } from '../rules/maj.rule';
import { MASP_FAILED_SQL, REPORT_OPEN, SEAL_ANNEX_SQL } from '../sql';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  lockPerson,
  reachablePerson,
  requireDate,
  requireId,
  requireText,
} from './support';
import {
  OpenL2716ReportInput,
  RecordProcureurDecisionInput,
  SendL2716ReportInput,
  WriteMedicalAnnexInput,
} from './types/procedure.input';
import { labelFr } from '../../kit/rules/french';
import { REPORT_STATUS_FR } from '../rules/labels';

function reportState(r: L2716Report, expected: ReportStatus): Error {
  return ruleError(
    DepartmentCode.L271_6_REPORT_STATE,
    'CASF L271-6',
    `le rapport est ${labelFr(REPORT_STATUS_FR, r.status)}, cette étape demande un rapport ${labelFr(REPORT_STATUS_FR, expected)}.`,
    `the report is ${r.status}; this step needs ${expected}.`,
  );
}

/** CASF L271-6: the report to the procureur after a MASP failed, its sealed medical annex, the procureur's decision. */
@Resolver(() => L2716Report)
export class L2716ReportResolver {
  @ClassifiedFieldResolver(Domain.MEDICAL, () => MedicalAnnex, {
    description: 'The sealed medical annex (sous pli cacheté): the médecin only.',
  })
  async medicalAnnex(@Root() r: L2716Report, @Ctx() ctx: Context): Promise<MedicalAnnex | null> {
    return (await ctx.loaders.annexesByReport.load(r.id))[0] ?? null;
  }

  @Mutation(() => L2716Report, {
    description:
      'CASF L271-6: opens the report to the procureur after a MASP failed (the MEDECIN then reaches the person).',
  })
  async openL2716Report(@Arg('input') input: OpenL2716ReportInput, @Ctx() ctx: Context): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'openL2716Report');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const openedOn = requireDate('openedOn', input.openedOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const [{ found }] = await tx.query(MASP_FAILED_SQL, [person.id]);
      assertL271_6Preconditions(found);
      const open = await tx
        .getRepository(L2716Report)
        .createQueryBuilder('r')
        .where('r.beneficiary_id = :id', { id: person.id })
        .andWhere(REPORT_OPEN('r'))
        .getCount();
      if (open)
        throw ruleError(
          DepartmentCode.L271_6_REPORT_ALREADY_OPEN,
          'CASF L271-6',
          `un rapport est déjà en cours pour cette personne.`,
          `a report is already open for this person.`,
        );
      const repo = tx.getRepository(L2716Report);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          status: ReportStatus.DRAFT,
          openedOn,
          socialEvaluation: requireText('socialEvaluation', input.socialEvaluation),
          financialEvaluation: requireText('financialEvaluation', input.financialEvaluation),
          actionsBilan: requireText('actionsBilan', input.actionsBilan),
        }),
      );
      await audit(tx, ctx, person.id, 'openL2716Report', [Domain.JUDICIAL, Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => MedicalAnnex, {
    description:
      "The médecin writes the medical annex of the person's L271-6 report in draft (MEDICAL; sealed when the report is sent).",
  })
  async writeMedicalAnnex(@Arg('input') input: WriteMedicalAnnexInput, @Ctx() ctx: Context): Promise<MedicalAnnex> {
    requireRole(ctx.caller, [Role.MEDECIN], 'writeMedicalAnnex');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const writtenOn = requireDate('writtenOn', input.writtenOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const report = await tx
        .getRepository(L2716Report)
        .createQueryBuilder('r')
        .where('r.beneficiary_id = :id', { id: person.id })
        .andWhere(REPORT_OPEN('r'))
        .getOne();
      if (!report || report.status !== ReportStatus.DRAFT) {
        throw ruleError(
          DepartmentCode.MEDICAL_ANNEX_SEALED,
          'CASF L271-6',
          `l'annexe médicale rejoint un rapport en préparation ; une fois le rapport transmis, le pli est scellé.`,
          `the medical annex joins a report in draft; once the report is sent, the envelope is sealed.`,
        );
      }
      const repo = tx.getRepository(MedicalAnnex);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          reportId: report.id,
          writtenOn,
          authorSub: ctx.caller.sub,
          content: requireText('content', input.content),
        }),
      );
      await audit(tx, ctx, person.id, 'writeMedicalAnnex', [Domain.MEDICAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => L2716Report, {
    description: 'Sends the report to the procureur; the medical annex is sealed with it.',
  })
  async sendL2716Report(@Arg('input') input: SendL2716ReportInput, @Ctx() ctx: Context): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'sendL2716Report');
    const report = await this.reachableReport(ctx, input.reportId);
    const sentOn = requireDate('sentOn', input.sentOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, report.beneficiaryId);
      const r = await tx.getRepository(L2716Report).findOneByOrFail({ id: report.id });
      if (r.status !== ReportStatus.DRAFT) throw reportState(r, ReportStatus.DRAFT);
      if (sentOn < r.openedOn)
        throw badInput('sentOn', "L'envoi suit l'ouverture du rapport.", "Sending follows the report's opening.");
      await tx.getRepository(L2716Report).update(r.id, { status: ReportStatus.SENT, sentOn });
      await tx.query(SEAL_ANNEX_SQL, [r.id, sentOn]);
      await audit(tx, ctx, r.beneficiaryId, 'sendL2716Report', [Domain.JUDICIAL]);
      return tx.getRepository(L2716Report).findOneByOrFail({ id: r.id });
    });
  }

  @Mutation(() => L2716Report, {
    description: "The procureur's decision on the report (C. civ. 495-2): referred to the juge des tutelles, or not.",
  })
  async recordProcureurDecision(
    @Arg('input') input: RecordProcureurDecisionInput,
    @Ctx() ctx: Context,
  ): Promise<L2716Report> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordProcureurDecision');
    const report = await this.reachableReport(ctx, input.reportId);
    const decidedOn = requireDate('decidedOn', input.decidedOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, report.beneficiaryId);
      const r = await tx.getRepository(L2716Report).findOneByOrFail({ id: report.id });
      if (r.status !== ReportStatus.SENT) throw reportState(r, ReportStatus.SENT);
      if (decidedOn < r.sentOn!)
        throw badInput(
          'decidedOn',
          "La décision suit l'envoi du rapport.",
          "The decision follows the report's sending.",
        );
      await tx.getRepository(L2716Report).update(r.id, {
        status: ReportStatus.DECIDED,
        decisionOutcome: input.outcome,
        decidedOn,
        decisionNote: input.note ?? null,
      });
      await audit(tx, ctx, r.beneficiaryId, 'recordProcureurDecision', [Domain.JUDICIAL]);
      return tx.getRepository(L2716Report).findOneByOrFail({ id: r.id });
    });
  }
  private async reachableReport(ctx: Context, id: string): Promise<L2716Report> {
    const report = await ctx.dataSource.getRepository(L2716Report).findOneBy({ id: requireId('reportId', id) });
    if (!report || !(await ctx.loaders.beneficiary.load(report.beneficiaryId))) throw notReachable('L2716Report');
    return report;
  }
}
