import type { DataSource } from 'typeorm';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { BenefitKind } from '../../schema/benefits';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { prng, uuidFrom } from '../kit/seed/prng';
import { MajAccountOperationKind, MajEndReason, MajProtectionKind, MajReportKind } from './entities/enums';
import { JudicialMeasure, JudicialMeasureStatus } from './entities/judicial-measure.entity';
import { MajAccount, MajAccountOperation } from './entities/maj-account.entity';
import { MajReport } from './entities/maj-report.entity';
import { MajProtectionMeasure } from './entities/protection-measure.entity';
import { directionOf } from './rules/account.rule';
import { addDays, addMonths, todayIso } from '../kit/rules/calendar';

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
 * The mandataire's part of the demo: the plan's MAJ (ids kept) with the judgment's particulars derived from the plan
 * (benefits covered, procureur's request), one account per MAJ, and its monthly operations since the judgment:
 * benefits received, rent paid to the landlord of the person's lease, an allowance handed to the person; the MJPM's
 * first report on each MAJ; and, for each person, the sauvegarde de justice that preceded the MAJ (lifted two months
 * before it, so that it does not bar it, C. civ. 495-1).
 */
export async function seedMandataire(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  if ((await ds.getRepository(JudicialMeasure).count()) > 0) return false;
  const rnd = prng(495);
  const today = todayIso();
  const measures: JudicialMeasure[] = [];
  const accounts: MajAccount[] = [];
  const operations: MajAccountOperation[] = [];
  const reports: MajReport[] = [];
  const protections: MajProtectionMeasure[] = [];
  const leaseOf = new Map(plan.leases.map((l) => [l.beneficiaryId, l]));
  plan.judicialMeasures.forEach((p, i) => {
    const benefitsCovered = BENEFIT_SETS[i % BENEFIT_SETS.length];
    const extensionOrdered = benefitsCovered.includes(BenefitKind.AF);
    const year = p.judgmentDate.slice(0, 4);
    const ended = p.status === 'ENDED';
    measures.push({
      ...p,
      status: p.status as JudicialMeasureStatus,
      initialEndsOn: p.endsOn,
      benefitsCovered,
      extensionOrdered,
      endedOn: ended ? (p.endsOn < today ? p.endsOn : today) : null,
      endReason: ended ? MajEndReason.TERM : null,
      procureurRequestReference: `PR ${year}/${String(100 + Math.floor(rnd() * 900))}`,
      reportReference: `L271-6 ${year}-${String(i + 1).padStart(3, '0')}`,
      recordedBySub: 'mjpm-1',
    });
    const account: MajAccount = {
      id: uuidFrom(rnd),
      judicialMeasureId: p.id,
      beneficiaryId: p.beneficiaryId,
      balanceCents: 0,
      lastOperationId: null,
      lastOperationDate: null,
    };
    const lease = leaseOf.get(p.beneficiaryId);
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
      Object.assign(account, {
        balanceCents: balanceAfterCents,
        lastOperationId: id,
        lastOperationDate: operationDate,
      });
    };
    for (let m = 0; ; m++) {
      const monthStart = addMonths(`${p.startsOn.slice(0, 7)}-01`, m + 1);
      if (monthStart >= today || monthStart > p.endsOn) break;
      const day = (d: number) => `${monthStart.slice(0, 8)}${String(d).padStart(2, '0')}`;
      if (day(8) >= today) break;
      for (const b of benefitsCovered)
        post(MajAccountOperationKind.BENEFIT, MONTHLY_CENTS[b] ?? 10_000, day(5), {
          benefitKind: b,
          label: `Versement ${b}`,
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
    accounts.push(account);
    const writtenOn = [addDays(p.startsOn, 20), today].sort()[0];
    reports.push({
      id: uuidFrom(rnd),
      judicialMeasureId: p.id,
      beneficiaryId: p.beneficiaryId,
      kind: MajReportKind.ANNUAL,
      writtenOn,
      content:
        'Premier rapport : budget rétabli, loyer payé directement au bailleur, prestations perçues sur le compte de la mesure.',
      recordedByOrgId: p.mandataireOrgId,
      recordedBySub: 'mjpm-1',
    });
    protections.push({
      id: uuidFrom(rnd),
      beneficiaryId: p.beneficiaryId,
      kind: MajProtectionKind.SAUVEGARDE_DE_JUSTICE,
      openedOn: addDays(p.startsOn, -400),
      endsOn: addDays(p.startsOn, -60),
      court: p.court,
      reference: `SJ ${Number(year) - 1}/${String(100 + Math.floor(rnd() * 900))}`,
      endedJudicialMeasureId: null,
      recordedByOrgId: p.mandataireOrgId,
      recordedBySub: 'mjpm-1',
    });
  });
  await ds.transaction(async (tx) => {
    await insertRows(tx, JudicialMeasure, measures);
    await insertRows(tx, MajAccount, accounts);
    await insertRows(
      tx,
      MajAccountOperation,
      operations.map(({ seq: _seq, ...o }) => o as MajAccountOperation),
    );
    await insertRows(tx, MajReport, reports);
    await insertRows(tx, MajProtectionMeasure, protections);
  });
  return true;
}
