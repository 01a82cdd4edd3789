import type { DataSource } from 'typeorm';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { BenefitKind } from '../../schema/benefits';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { prng, uuidFrom } from '../kit/seed/prng';
import { MajAccountOperationKind, MajEndReason, MajProtectionKind, MajReportKind } from './entities/enums';
import { JudicialMeasure } from './entities/judicial-measure.entity';
import { MajAccount, MajAccountOperation } from './entities/maj-account.entity';
import { MajReport } from './entities/maj-report.entity';
import { MajProtectionMeasure } from './entities/protection-measure.entity';
import { directionOf } from './rules/account.rule';
import type { EventType, PartnerEvent, PartnerEvents } from '../../schema/events';
import { endMaj, recordMajFromNotice } from './events/maj-lifecycle';
import { handleLeaseKnown, handleMajNoticeRecorded } from './events/maj.handlers';
import { addDays, addMonths, todayIso } from '../kit/rules/calendar';
import { benefitsFr } from '../kit/rules/benefit-labels';

/** Monthly amounts of the demo benefits, euro cents (schema/domain.md › Demo volumes, ⚠ 2025 from memory). */
const MONTHLY_CENTS: Partial<Record<BenefitKind, number>> = {
  AAH: 103_300,
  RSA: 64_600,
  APL: 28_000,
  ALS: 21_000,
  PCH: 40_000,
  AF: 14_800,
};
const BENEFIT_SETS: BenefitKind[][] = [
  [BenefitKind.AAH, BenefitKind.APL],
  [BenefitKind.RSA, BenefitKind.ALS],
  [BenefitKind.AAH, BenefitKind.PCH],
  [BenefitKind.RSA, BenefitKind.APL, BenefitKind.AF],
];

/**
 * The mandataire's part of the demo, through the code paths the hub uses: the département's notices and the leases it
 * relays arrive through the same handlers as its events (`maj-notice.recorded`, `lease.known`), each MAJ is recorded
 * from its notice by the same function as `recordJudicialMeasure` (notice, protections, the judgment's term checked),
 * with the judgment's particulars derived from the plan (benefits covered, procureur's request); then one account per
 * MAJ and its monthly operations since the judgment: benefits received, rent paid to the landlord of the person's
 * lease, an allowance handed to the person; the MJPM's first report on each MAJ; and, for each person, the sauvegarde
 * de justice that preceded the MAJ (lifted two months before it, so that it does not bar it, C. civ. 495-1). The
 * département's seed holds these facts already (its notices name their MAJ): nothing is published.
 */
export async function seedMandataire(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  if ((await ds.getRepository(JudicialMeasure).count()) > 0) return false;
  const rnd = prng(495);
  const eventIds = prng(4958);
  const today = todayIso();
  const operations: MajAccountOperation[] = [];
  const reports: MajReport[] = [];
  const protections: MajProtectionMeasure[] = [];
  const accounts: MajAccount[] = [];
  const leaseOf = new Map(plan.leases.map((l) => [l.beneficiaryId, l]));
  const noticeOf = new Map(plan.majNotices.map((n) => [n.id, n]));
  const fromDepartment = <T extends EventType>(type: T, data: PartnerEvents[T]): PartnerEvent<T> => ({
    id: uuidFrom(eventIds),
    type,
    producer: 'department',
    occurredAt: new Date().toISOString(),
    data,
  });
  await ds.transaction(async (tx) => {
    plan.judicialMeasures.forEach((p, i) => {
      protections.push({
        id: uuidFrom(rnd),
        beneficiaryId: p.beneficiaryId,
        kind: MajProtectionKind.SAUVEGARDE_DE_JUSTICE,
        openedOn: addDays(p.startsOn, -400),
        endsOn: addDays(p.startsOn, -60),
        court: p.court,
        reference: `SJ ${Number(p.judgmentDate.slice(0, 4)) - 1}/${String(100 + ((i * 37) % 900))}`,
        endedJudicialMeasureId: null,
        recordedByOrgId: p.mandataireOrgId,
        recordedBySub: 'mjpm-1',
      });
    });
    await insertRows(tx, MajProtectionMeasure, protections);
    for (const [i, p] of plan.judicialMeasures.entries()) {
      const notice = noticeOf.get(p.noticeId)!;
      await handleMajNoticeRecorded(
        tx,
        fromDepartment('maj-notice.recorded', {
          noticeId: notice.id,
          beneficiaryId: notice.beneficiaryId,
          mandataireOrgId: notice.mandataireOrgId,
          startsOn: notice.startsOn,
          endsOn: notice.endsOn!,
          judgmentOn: p.judgmentDate,
          court: p.court,
          reference: p.reference,
        }),
      );
      const lease = leaseOf.get(p.beneficiaryId);
      if (lease)
        await handleLeaseKnown(
          tx,
          fromDepartment('lease.known', {
            leaseId: lease.id,
            beneficiaryId: lease.beneficiaryId,
            landlordOrgId: lease.landlordOrgId,
            mandataireOrgId: p.mandataireOrgId,
            startsOn: lease.startsOn,
            endsOn: null,
          }),
        );
      const benefitsCovered = BENEFIT_SETS[i % BENEFIT_SETS.length];
      const year = p.judgmentDate.slice(0, 4);
      const measure = await recordMajFromNotice(
        tx,
        {
          id: p.id,
          accountId: uuidFrom(rnd),
          beneficiaryId: p.beneficiaryId,
          noticeId: p.noticeId,
          court: p.court,
          judgmentDate: p.judgmentDate,
          reference: p.reference,
          procureurRequestReference: `PR ${year}/${String(100 + Math.floor(rnd() * 900))}`,
          reportReference: `L271-6 ${year}-${String(i + 1).padStart(3, '0')}`,
          benefitsCovered,
          extensionOrdered: benefitsCovered.includes(BenefitKind.AF),
          startsOn: p.startsOn,
          endsOn: p.endsOn,
        },
        { orgId: p.mandataireOrgId, sub: 'mjpm-1' },
        { today, publish: false },
      );
      if (p.status === 'ENDED')
        await endMaj(tx, measure, p.endsOn < today ? p.endsOn : today, MajEndReason.TERM, { publish: false });
      const account = await tx.getRepository(MajAccount).findOneByOrFail({ judicialMeasureId: p.id });
      postMonthlyOperations(p, account, benefitsCovered, lease, today, rnd, operations);
      accounts.push(account);
      reports.push({
        id: uuidFrom(rnd),
        judicialMeasureId: p.id,
        beneficiaryId: p.beneficiaryId,
        kind: MajReportKind.ANNUAL,
        writtenOn: [addDays(p.startsOn, 20), today].sort()[0],
        content:
          'Premier rapport : budget rétabli, loyer payé directement au bailleur, prestations perçues sur le compte de la mesure.',
        recordedByOrgId: p.mandataireOrgId,
        recordedBySub: 'mjpm-1',
      });
    }
    await insertRows(
      tx,
      MajAccountOperation,
      operations.map(({ seq: _seq, ...o }) => o as MajAccountOperation),
    );
    for (const a of accounts)
      await tx
        .getRepository(MajAccount)
        .update(
          { id: a.id },
          { balanceCents: a.balanceCents, lastOperationId: a.lastOperationId, lastOperationDate: a.lastOperationDate },
        );
    await insertRows(tx, MajReport, reports);
  });
  return true;
}

/** The account's monthly life since the judgment, never below zero (the rule the API applies, C. civ. 495-7). */
function postMonthlyOperations(
  p: DemoPlan['judicialMeasures'][number],
  account: MajAccount,
  benefitsCovered: BenefitKind[],
  lease: DemoPlan['leases'][number] | undefined,
  today: string,
  rnd: () => number,
  operations: MajAccountOperation[],
): void {
  const post = (
    kind: MajAccountOperationKind,
    amountCents: number,
    operationDate: string,
    extra: Partial<MajAccountOperation> = {},
  ) => {
    const receipt = directionOf(kind) === 'RECEIPT';
    if (!receipt && amountCents > account.balanceCents) return; // never below zero, as the rule requires
    const id = uuidFrom(rnd);
    const balanceAfterCents = account.balanceCents + (receipt ? amountCents : -amountCents);
    operations.push({
      id,
      seq: 0,
      accountId: account.id,
      judicialMeasureId: p.id,
      beneficiaryId: p.beneficiaryId,
      previousOperationId: account.lastOperationId,
      direction: directionOf(kind),
      kind,
      amountCents,
      balanceAfterCents,
      operationDate,
      label: null,
      benefitKind: null,
      leaseId: null,
      recordedByOrgId: p.mandataireOrgId,
      recordedBySub: 'mjpm-1',
      ...extra,
    });
    Object.assign(account, { balanceCents: balanceAfterCents, lastOperationId: id, lastOperationDate: operationDate });
  };
  for (let m = 0; ; m++) {
    const monthStart = addMonths(`${p.startsOn.slice(0, 7)}-01`, m + 1);
    if (monthStart >= today || monthStart > p.endsOn) break;
    const day = (d: number) => `${monthStart.slice(0, 8)}${String(d).padStart(2, '0')}`;
    if (day(8) >= today) break;
    for (const b of benefitsCovered)
      post(MajAccountOperationKind.BENEFIT, MONTHLY_CENTS[b] ?? 10_000, day(5), {
        benefitKind: b,
        label: `Versement ${benefitsFr([b])}`,
      });
    if (lease)
      post(MajAccountOperationKind.RENT_TO_LANDLORD, lease.rentCents + lease.chargesCents, day(6), {
        leaseId: lease.id,
        label: `Loyer ${lease.reference}`,
      });
    post(MajAccountOperationKind.ENERGY, 4_000 + Math.floor(rnd() * 60) * 100, day(7), { label: 'Électricité' });
    post(MajAccountOperationKind.LIVING_ALLOWANCE, 30_000 + Math.floor(rnd() * 20) * 1_000, day(8), {
      label: 'Argent de vie',
    });
  }
}
