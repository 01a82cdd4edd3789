import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Domain, Role } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import { requireRole } from '../../kit/access/authorize';
import { SubgraphContext } from '../../kit/server/context.type';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { MajAccountOperationKind, MajEndReason } from '../entities/enums';
import { JudicialMeasure, JudicialMeasureStatus } from '../entities/judicial-measure.entity';
import { MajAccount, MajAccountOperation } from '../entities/maj-account.entity';
import { MajProtectionMeasure } from '../entities/protection-measure.entity';
import { MajRenewal } from '../entities/maj-renewal.entity';
import { MajReport } from '../entities/maj-report.entity';
import type { MandataireLoaders } from '../loaders';
import { judicialMeasureReach } from '../permissions/reach';
import { assertAmountCents, assertOperationDate, directionOf, nextBalance } from '../rules/account.rule';
import { badInput, MandataireCode, refusal } from '../rules/errors';
import { requireId } from '../../kit/rules/errors';
import { addDays, todayIso } from '../../kit/rules/calendar';
import { assertBenefitCovered, assertBenefitsCovered } from '../rules/maj-benefits.rule';
import { assertEndDate, assertMajRenewal, assertMajTerm } from '../rules/maj-term.rule';
import { inForceFrom } from '../rules/protection.rule';
import { assertLeaseOfPerson } from '../rules/maj-notice.rule';
import { publish } from '../../kit/events/outbox';
import {
  alreadyActive,
  departmentKindOf,
  endMaj,
  lockPerson,
  publishMajTerm,
  recordMajFromNotice,
} from '../events/maj-lifecycle';
import { LEASE_OF_PERSON_SQL, MAJ_ACTIVE } from '../sql';
import { EndJudicialMeasureInput } from './types/end-judicial-measure.input';
import { RecordJudicialMeasureInput } from './types/record-judicial-measure.input';
import { RecordMajAccountOperationInput } from './types/record-maj-account-operation.input';
import { RecordMajProtectionMeasureInput } from './types/record-protection-measure.input';
import { RecordMajReportInput } from './types/record-maj-report.input';
import { RenewJudicialMeasureInput } from './types/renew-judicial-measure.input';

type Ctx = SubgraphContext<MandataireLoaders>;
const SCHEMA = 'mandataire';
const MJPM_ONLY = [Role.MJPM] as const;

function requiredText(value: string | null | undefined, field: string, max = 200): string {
  const v = (value ?? '').trim();
  if (!v || v.length > max)
    throw badInput(
      field,
      `« ${field} » est requis (${max} caractères au plus).`,
      `"${field}" is required (at most ${max} characters).`,
    );
  return v;
}

function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  if (v.length > max)
    throw badInput(field, `« ${field} » : ${max} caractères au plus.`, `"${field}": at most ${max} characters.`);
  return v;
}

/** The MAJ within the caller's reach, locked for the write; out of reach and unknown ids answer alike. */
async function lockMeasure(tx: EntityManager, ctx: Ctx, id: string): Promise<JudicialMeasure> {
  const reach = judicialMeasureReach(ctx.caller);
  const found = isUuid(id)
    ? await tx
        .getRepository(JudicialMeasure)
        .createQueryBuilder('j')
        .where('j.id = :id', { id })
        .andWhere(reach.sql, reach.params)
        .setLock('pessimistic_write')
        .getOne()
    : null;
  if (!found) throw notReachable('JudicialMeasure');
  return found;
}

function assertActive(j: JudicialMeasure): void {
  if (j.status !== JudicialMeasureStatus.ACTIVE) {
    throw refusal(
      MandataireCode.MAJ_NOT_ACTIVE,
      'C. civ. 495-8',
      `Cette MAJ a pris fin le ${j.endedOn}. / This MAJ ended on ${j.endedOn}.`,
    );
  }
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; driverError?: { code?: string } })?.driverError?.code === '23505' ||
  (e as { code?: string })?.code === '23505';

@Resolver()
export class JudicialMeasureMutationResolver {
  @Mutation(() => JudicialMeasure, {
    description:
      "Records a MAJ judgment for the caller's MJPM service (C. civ. 495…495-9); opens the person's account.",
  })
  async recordJudicialMeasure(
    @Arg('input', () => RecordJudicialMeasureInput) input: RecordJudicialMeasureInput,
    @Ctx() ctx: Ctx,
  ): Promise<JudicialMeasure> {
    requireRole(ctx.caller, MJPM_ONLY, 'recordJudicialMeasure');
    const beneficiaryId = requireId('beneficiaryId', input.beneficiaryId);
    const court = requiredText(input.court, 'court');
    const reference = requiredText(input.reference, 'reference');
    const procureurRequestReference = requiredText(input.procureurRequestReference, 'procureurRequestReference');
    const reportReference = optionalText(input.reportReference, 'reportReference');
    if (input.startsOn < input.judgmentDate) {
      throw badInput(
        'startsOn',
        "La MAJ ne commence pas avant le jugement qui l'ordonne.",
        'A MAJ does not start before the judgment that orders it.',
      );
    }
    assertMajTerm(input.startsOn, input.endsOn);
    const benefitsCovered = assertBenefitsCovered(input.benefitsCovered, input.extensionOrdered);

    const majNoticeId = input.majNoticeId == null ? null : requireId('majNoticeId', input.majNoticeId);
    try {
      return await ctx.dataSource.transaction(async (tx) => {
        const measure = await recordMajFromNotice(
          tx,
          {
            beneficiaryId,
            noticeId: majNoticeId,
            court,
            judgmentDate: input.judgmentDate,
            reference,
            procureurRequestReference,
            reportReference,
            benefitsCovered,
            extensionOrdered: input.extensionOrdered,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
          },
          { orgId: ctx.caller.orgId, sub: ctx.caller.sub },
          { today: todayIso() },
        );
        await recordWrite(tx, SCHEMA, ctx, beneficiaryId, 'recordJudicialMeasure', [Domain.JUDICIAL]);
        return measure;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw alreadyActive();
      throw e;
    }
  }

  @Mutation(() => JudicialMeasure, {
    description: 'Renews a running MAJ by reasoned decision (C. civ. 495-8: ≤ 24 months each time, ≤ 48 in all).',
  })
  async renewJudicialMeasure(
    @Arg('input', () => RenewJudicialMeasureInput) input: RenewJudicialMeasureInput,
    @Ctx() ctx: Ctx,
  ): Promise<JudicialMeasure> {
    requireRole(ctx.caller, MJPM_ONLY, 'renewJudicialMeasure');
    return ctx.dataSource.transaction(async (tx) => {
      const j = await lockMeasure(tx, ctx, input.judicialMeasureId);
      assertActive(j);
      if (input.decidedOn < j.startsOn || input.decidedOn > j.endsOn) {
        throw badInput(
          'decidedOn',
          `Le renouvellement est décidé pendant la mesure (du ${j.startsOn} au ${j.endsOn}).`,
          `A renewal is decided while the measure runs (${j.startsOn} to ${j.endsOn}).`,
        );
      }
      const reason = assertMajRenewal(j, input.newEndsOn, input.reason);
      await tx.getRepository(MajRenewal).insert({
        id: randomUUID(),
        judicialMeasureId: j.id,
        beneficiaryId: j.beneficiaryId,
        decidedOn: input.decidedOn,
        previousEndsOn: j.endsOn,
        newEndsOn: input.newEndsOn,
        reason,
        recordedBySub: ctx.caller.sub,
      });
      await tx.getRepository(JudicialMeasure).update({ id: j.id }, { endsOn: input.newEndsOn });
      Object.assign(j, { endsOn: input.newEndsOn });
      await publishMajTerm(tx, j); // the département's notice runs to the new term
      await recordWrite(tx, SCHEMA, ctx, j.beneficiaryId, 'renewJudicialMeasure', [Domain.JUDICIAL]);
      return j;
    });
  }

  @Mutation(() => JudicialMeasure, {
    description:
      'Ends a running MAJ with its reason; the département sees `endedOn` (a MASP may follow, CASF L271-1 al. 3).',
  })
  async endJudicialMeasure(
    @Arg('input', () => EndJudicialMeasureInput) input: EndJudicialMeasureInput,
    @Ctx() ctx: Ctx,
  ): Promise<JudicialMeasure> {
    requireRole(ctx.caller, MJPM_ONLY, 'endJudicialMeasure');
    if (input.reason === MajEndReason.PROTECTION_MEASURE_OPENED) {
      throw badInput(
        'reason',
        "Une mesure de protection s'enregistre avec recordMajProtectionMeasure, qui met fin à la MAJ.",
        'Record the protection measure with recordMajProtectionMeasure, which ends the MAJ.',
      );
    }
    return ctx.dataSource.transaction(async (tx) => {
      const j = await lockMeasure(tx, ctx, input.judicialMeasureId);
      assertActive(j);
      assertEndDate(j, input.endedOn);
      await endMaj(tx, j, input.endedOn, input.reason);
      await recordWrite(tx, SCHEMA, ctx, j.beneficiaryId, 'endJudicialMeasure', [Domain.JUDICIAL]);
      return j;
    });
  }

  @Mutation(() => MajProtectionMeasure, {
    description:
      'Records a legal protection measure opened for a person whose MAJ your service runs; it ends that MAJ (reason PROTECTION_MEASURE_OPENED) and refuses any later one (C. civ. 495-1).',
  })
  async recordMajProtectionMeasure(
    @Arg('input', () => RecordMajProtectionMeasureInput) input: RecordMajProtectionMeasureInput,
    @Ctx() ctx: Ctx,
  ): Promise<MajProtectionMeasure> {
    requireRole(ctx.caller, MJPM_ONLY, 'recordMajProtectionMeasure');
    if (!isUuid(input.beneficiaryId)) throw notReachable('Beneficiary');
    const beneficiaryId = input.beneficiaryId.toLowerCase();
    if (input.endsOn && input.endsOn < input.openedOn) {
      throw badInput(
        'endsOn',
        'La fin de la mesure de protection suit son ouverture.',
        'The protection measure ends after it opens.',
      );
    }
    const court = optionalText(input.court, 'court');
    const reference = optionalText(input.reference, 'reference');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, beneficiaryId);
      const reach = judicialMeasureReach(ctx.caller);
      const running = await tx
        .getRepository(JudicialMeasure)
        .createQueryBuilder('j')
        .where('j.beneficiary_id = :beneficiaryId', { beneficiaryId })
        .andWhere(MAJ_ACTIVE('j'))
        .andWhere(reach.sql, reach.params)
        .setLock('pessimistic_write')
        .getOne();
      if (!running) throw notReachable('Beneficiary');
      const protection: MajProtectionMeasure = {
        id: randomUUID(),
        beneficiaryId,
        kind: input.kind,
        openedOn: input.openedOn,
        endsOn: input.endsOn ?? null,
        court,
        reference,
        endedJudicialMeasureId: null,
        recordedByOrgId: ctx.caller.orgId,
        recordedBySub: ctx.caller.sub,
      };
      if (inForceFrom(protection, running.startsOn)) {
        await endMaj(tx, running, input.openedOn, MajEndReason.PROTECTION_MEASURE_OPENED);
        protection.endedJudicialMeasureId = running.id;
      }
      await tx.getRepository(MajProtectionMeasure).insert(protection);
      // C. civ. 495-1: the département learns it too (eligibility to a MASP, its notice, the MJPM's reach there).
      await publish(tx, 'protection.recorded', {
        protectionId: protection.id,
        beneficiaryId,
        kind: departmentKindOf(protection.kind),
        startsOn: protection.openedOn,
        endsOn: protection.endsOn ? addDays(protection.endsOn, 1) : null, // here its last day, there the day after
      });
      await recordWrite(tx, SCHEMA, ctx, beneficiaryId, 'recordMajProtectionMeasure', [Domain.JUDICIAL]);
      return protection;
    });
  }

  @Mutation(() => MajReport, {
    description: 'Records a report of the MJPM on a MAJ its service runs (yearly, renewal request, final).',
  })
  async recordMajReport(
    @Arg('input', () => RecordMajReportInput) input: RecordMajReportInput,
    @Ctx() ctx: Ctx,
  ): Promise<MajReport> {
    requireRole(ctx.caller, MJPM_ONLY, 'recordMajReport');
    const content = requiredText(input.content, 'content', 20_000);
    return ctx.dataSource.transaction(async (tx) => {
      const j = await lockMeasure(tx, ctx, input.judicialMeasureId);
      assertActive(j);
      const today = todayIso();
      if (input.writtenOn < j.startsOn || input.writtenOn > today) {
        throw badInput(
          'writtenOn',
          `Le rapport est daté entre le début de la MAJ (${j.startsOn}) et aujourd'hui.`,
          `The report is dated between the start of the MAJ (${j.startsOn}) and today.`,
        );
      }
      const report: MajReport = {
        id: randomUUID(),
        judicialMeasureId: j.id,
        beneficiaryId: j.beneficiaryId,
        kind: input.kind,
        writtenOn: input.writtenOn,
        content,
        recordedByOrgId: ctx.caller.orgId,
        recordedBySub: ctx.caller.sub,
      };
      await tx.getRepository(MajReport).insert(report);
      await recordWrite(tx, SCHEMA, ctx, j.beneficiaryId, 'recordMajReport', [Domain.JUDICIAL]);
      return report;
    });
  }

  @Mutation(() => MajAccountOperation, {
    description:
      "Posts a receipt or a payment on the person's account (integer cents); the balance is kept in the same transaction and never goes below zero.",
  })
  async recordMajAccountOperation(
    @Arg('input', () => RecordMajAccountOperationInput) input: RecordMajAccountOperationInput,
    @Ctx() ctx: Ctx,
  ): Promise<MajAccountOperation> {
    requireRole(ctx.caller, MJPM_ONLY, 'recordMajAccountOperation');
    assertAmountCents(input.amountCents);
    const isBenefit = input.kind === MajAccountOperationKind.BENEFIT;
    const isRent = input.kind === MajAccountOperationKind.RENT_TO_LANDLORD;
    if (isBenefit !== (input.benefitKind != null)) {
      throw badInput(
        'benefitKind',
        '« benefitKind » accompagne une recette BENEFIT, et elle seule.',
        '"benefitKind" goes with a BENEFIT receipt, and only with it.',
      );
    }
    if (isRent !== (input.leaseId != null)) {
      throw badInput(
        'leaseId',
        '« leaseId » accompagne un paiement RENT_TO_LANDLORD, et lui seul.',
        '"leaseId" goes with a RENT_TO_LANDLORD payment, and only with it.',
      );
    }
    const leaseId = isRent ? requireId('leaseId', input.leaseId!) : null;
    const label = optionalText(input.label, 'label');
    const reach = judicialMeasureReach(ctx.caller);
    return ctx.dataSource.transaction(async (tx) => {
      // The account row is the ledger's lock: concurrent postings on one account run one after the other.
      const account = isUuid(input.judicialMeasureId)
        ? await tx
            .getRepository(MajAccount)
            .createQueryBuilder('a')
            .innerJoin(JudicialMeasure, 'j', 'j.id = a.judicial_measure_id')
            .where('a.judicial_measure_id = :id', { id: input.judicialMeasureId })
            .andWhere(reach.sql, reach.params)
            .setLock('pessimistic_write', undefined, ['a'])
            .getOne()
        : null;
      if (!account) throw notReachable('JudicialMeasure');
      const j = await tx.getRepository(JudicialMeasure).findOneByOrFail({ id: account.judicialMeasureId });
      assertActive(j);
      if (isBenefit) assertBenefitCovered(input.benefitKind!, j.benefitsCovered);
      if (leaseId) assertLeaseOfPerson((await tx.query(LEASE_OF_PERSON_SQL, [leaseId, j.beneficiaryId])).length > 0);
      assertOperationDate(input.operationDate, {
        startsOn: j.startsOn,
        endsOn: j.endsOn,
        today: todayIso(),
        lastOperationDate: account.lastOperationDate,
      });
      const balanceAfterCents = nextBalance(account.balanceCents, input.kind, input.amountCents);
      const operation = tx.getRepository(MajAccountOperation).create({
        id: randomUUID(),
        accountId: account.id,
        judicialMeasureId: j.id,
        beneficiaryId: j.beneficiaryId,
        previousOperationId: account.lastOperationId,
        direction: directionOf(input.kind),
        kind: input.kind,
        amountCents: input.amountCents,
        balanceAfterCents,
        operationDate: input.operationDate,
        label,
        benefitKind: input.benefitKind ?? null,
        leaseId,
        recordedByOrgId: ctx.caller.orgId,
        recordedBySub: ctx.caller.sub,
      });
      await tx.getRepository(MajAccountOperation).insert(operation);
      await tx
        .getRepository(MajAccount)
        .update(
          { id: account.id },
          { balanceCents: balanceAfterCents, lastOperationId: operation.id, lastOperationDate: input.operationDate },
        );
      await recordWrite(tx, SCHEMA, ctx, j.beneficiaryId, 'recordMajAccountOperation', [Domain.BUDGET]);
      return operation;
    });
  }
}
