import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import { L2716Report, MajNotice, ProcureurOutcome, ReportStatus } from '../entities';
import { todayIso } from '../../kit/rules/calendar';
import { badInput, DepartmentCode, DEPARTMENTAL_PRACTICE, ruleError } from '../rules/errors';
import { assertMajNotice } from '../rules/maj.rule';
import { MAJ_NOT_ENDED_SQL, PROTECTIONS_IN_FORCE_SQL } from '../sql';
import { publish } from '../../kit/events/outbox';
import { closeMajNotice, NoticeCloseReason, relayLeases } from '../events/maj.handlers';
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
import { EndMajNoticeInput, RecordMajNoticeInput } from './types/procedure.input';

/**
 * The MAJ judgment's notice (C. civ. 495-8) after a referral to the judge: the source the MJPM records the MAJ from
 * (`maj-notice.recorded`), and its reach, until the term the judgment fixed or the notice closes (`maj-notice.closed`).
 */
@Resolver()
export class MajNoticeResolver {
  @Mutation(() => MajNotice, {
    description:
      "The MAJ judgment's notice (which MJPM service): only after a decision to refer; gives the MJPM its reach.",
  })
  async recordMajNotice(@Arg('input') input: RecordMajNoticeInput, @Ctx() ctx: Context): Promise<MajNotice> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordMajNotice');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    const mandataireOrgId = requireId('mandataireOrgId', input.mandataireOrgId);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const referral = await tx.getRepository(L2716Report).findOne({
        where: {
          beneficiaryId: person.id,
          status: ReportStatus.DECIDED,
          decisionOutcome: ProcureurOutcome.REFERRED_TO_JUDGE,
        },
        order: { decidedOn: 'DESC' },
      });
      const protections: { kind: import('../entities').ProtectionKind }[] = await tx.query(PROTECTIONS_IN_FORCE_SQL, [
        person.id,
        startsOn,
      ]);
      assertMajNotice(
        !!referral,
        protections.map((p) => p.kind),
        startsOn,
        endsOn,
      );
      const active = await tx.query(MAJ_NOT_ENDED_SQL, [person.id, startsOn]);
      if (active.length)
        throw ruleError(
          DepartmentCode.MAJ_NOTICE_ALREADY_ACTIVE,
          // no article says « one MAJ at a time » (495-8 is the duration): the département's practice
          DEPARTMENTAL_PRACTICE,
          `une MAJ est déjà en cours pour cette personne.`,
          `a MAJ is already in force for this person.`,
        );
      const repo = tx.getRepository(MajNotice);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          mandataireOrgId,
          startsOn,
          endsOn,
          reportId: referral!.id,
          judgmentOn: requireDate('judgmentOn', input.judgmentOn),
          court: requireText('court', input.court),
          reference: requireText('reference', input.reference),
          recordedByOrgId: ctx.caller.orgId,
        }),
      );
      // The MJPM service learns the notice (it records the MAJ from it) and the person's leases (the rent it pays).
      await publish(tx, 'maj-notice.recorded', {
        noticeId: saved.id,
        beneficiaryId: person.id,
        mandataireOrgId,
        startsOn,
        endsOn: endsOn!,
        judgmentOn: saved.judgmentOn,
        court: saved.court,
        reference: saved.reference,
      });
      await relayLeases(tx, person.id);
      await audit(tx, ctx, person.id, 'recordMajNotice', [Domain.JUDICIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => MajNotice, {
    description: 'The MAJ ends: from `endsOn` (today: at once) the MJPM no longer reaches the person.',
  })
  async endMajNotice(@Arg('input') input: EndMajNoticeInput, @Ctx() ctx: Context): Promise<MajNotice> {
    requireRole(ctx.caller, CASE_WORKERS, 'endMajNotice');
    const notice = await ctx.dataSource
      .getRepository(MajNotice)
      .findOneBy({ id: requireId('majNoticeId', input.majNoticeId) });
    if (!notice || !(await ctx.loaders.beneficiary.load(notice.beneficiaryId))) throw notReachable('MajNotice');
    const endsOn = requireDate('endsOn', input.endsOn);
    if (endsOn < notice.startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    if (notice.endsOn && notice.endsOn <= todayIso())
      throw badInput('majNoticeId', 'Cette MAJ a déjà pris fin.', 'This MAJ has already ended.');
    if (notice.closedOn) throw badInput('majNoticeId', 'Cette MAJ a déjà pris fin.', 'This MAJ has already ended.');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, notice.beneficiaryId);
      // Closed from `endsOn`, and told to the MJPM service (its MAJ ends that day; its reach here ends by date).
      const closed = await closeMajNotice(tx, notice.id, endsOn, NoticeCloseReason.ENDED_BY_DEPARTMENT);
      if (!closed) throw badInput('majNoticeId', 'Cette MAJ a déjà pris fin.', 'This MAJ has already ended.');
      await audit(tx, ctx, notice.beneficiaryId, 'endMajNotice', [Domain.JUDICIAL]);
      return tx.getRepository(MajNotice).findOneByOrFail({ id: notice.id });
    });
  }
}
