import type { DataSource } from 'typeorm';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { BenefitKind } from '../../schema/benefits';
import { DEMO_CLOSING_WINDOW_MONTHS, demoContractBenefits, DemoDelegation, DemoPlan } from '../kit/seed/demo-plan';
import { handleDelegationGranted } from './events/delegation.handlers';
import { openFileFor } from './resolvers/file-lifecycle';
import { DELEGATIONS_OF_MEASURE_SQL } from './sql';
import type { KnownDelegation } from './rules/delegation.rule';
import { insertRows } from '../kit/seed/insert-rows';
import { prng, seedOf, uuidFrom } from '../kit/seed/prng';
import { addMonths, monthOf as calendarMonthOf, shiftMonth, todayIso } from '../kit/rules/calendar';
import {
  BilanKind,
  BudgetLineKind,
  DelegatedBenefit,
  DelegatedBudgetPlan,
  DelegatedFile,
  DelegatedOperation,
  DelegationBilan,
  OperationKind,
} from './entities';
import { BudgetLine, checkBudgetPlanL2712 } from './rules/budget-plan.rule';
import { checkOperationL2712, deltaOf, LedgerState, purposeOf } from './rules/ledger-operation.rule';
import { BenefitPurpose } from '../../schema/benefits';
import { benefitsFr } from '../kit/rules/benefit-labels';
import { formatMonthFr } from '../kit/rules/french';

const PAYING_BODY: Partial<Record<BenefitKind, string>> = {
  RSA: 'CAF du Loiret',
  AAH: 'CAF du Loiret',
  APL: 'CAF du Loiret',
  ALS: 'CAF du Loiret',
  ASPA: 'CARSAT Centre-Val de Loire',
  APA: 'Département du Loiret',
  PCH: 'Département du Loiret',
};
const BILANS = [
  'Loyer et charges payés chaque mois ; la personne gère désormais seule ses courses hebdomadaires.',
  "Dossier APL actualisé ; plan d'apurement de la dette d'énergie respecté.",
  'Suivi des démarches administratives ; objectif : ouverture d’un compte épargne de précaution.',
  'Budget stabilisé ; la personne prépare avec le référent un retour progressif à la gestion autonome.',
];

interface Derived {
  managedBenefits: BenefitKind[];
  benefits: { kind: BenefitKind; amountCents: number }[];
  energyCents: number;
  bilan: string;
}

/**
 * What a delegation manages and receives, derived from the plan's figures (the benefits add up to its monthly
 * resources).
 */
export function deriveDelegation(d: DemoDelegation): Derived {
  // the contract's benefits: the same source as the département's contract (CASF L271-2)
  const benefits = demoContractBenefits(d);
  const rnd = prng(seedOf(`${d.id}/file`));
  return {
    managedBenefits: benefits.map((b) => b.kind),
    benefits,
    energyCents: (60 + Math.floor(rnd() * 60)) * 100,
    bilan: BILANS[Math.floor(rnd() * BILANS.length)],
  };
}

/**
 * A month's plan: rent and charges first, earmarked benefits on their purpose, energy, the rest to live on (checked by
 * the L271-2 rule).
 */
export function demoPlanLines(d: DemoDelegation, x: Derived): BudgetLine[] {
  const lines: BudgetLine[] = x.benefits.map((b) => ({
    kind: BudgetLineKind.RESOURCE,
    label: b.kind,
    amountCents: b.amountCents,
    benefitKind: b.kind,
  }));
  const care = x.benefits
    .filter((b) => purposeOf(b.kind) === BenefitPurpose.CARE)
    .reduce((s, b) => s + b.amountCents, 0);
  const rent = Math.min(d.rentAndChargesCents, d.monthlyResourcesCents - care);
  if (rent > 0) lines.push({ kind: BudgetLineKind.RENT_AND_CHARGES, label: 'Loyer et charges', amountCents: rent });
  if (care > 0) lines.push({ kind: BudgetLineKind.CARE, label: 'Aide à domicile', amountCents: care });
  const left = d.monthlyResourcesCents - care - rent;
  if (left > 0)
    lines.push({ kind: BudgetLineKind.OTHER_CHARGE, label: 'Énergie', amountCents: Math.min(left, x.energyCents) });
  const { violation } = checkBudgetPlanL2712(d.rentAndChargesCents, lines);
  if (violation) throw new Error(`demo plan for ${d.id} breaks ${violation.code}`);
  return lines;
}

const monthOf = (today: Date, offset: number) => shiftMonth(calendarMonthOf(todayIso(today)), offset);

/**
 * Two months of ledger: benefits received on the 5th, rent on the 6th, care on the 8th, energy on the 10th, the rest to
 * the person on the 12th; every operation passes the L271-2 rule.
 */
export function demoOperations(d: DemoDelegation, x: Derived, today: Date): Partial<DelegatedOperation>[] {
  const ops: Partial<DelegatedOperation>[] = [];
  let balance = 0;
  for (const offset of [-2, -1]) {
    const month = monthOf(today, offset);
    if (`${month}-05` < d.startsOn) continue;
    const state = { housingReceivedCents: 0, careReceivedCents: 0, rentPaidCents: 0, carePaidCents: 0 };
    const post = (
      kind: OperationKind,
      amountCents: number,
      day: string,
      label: string,
      benefitKind: BenefitKind | null = null,
    ) => {
      if (amountCents <= 0) return;
      const ledger: LedgerState = {
        balanceCents: balance,
        overdraftLimitCents: 0,
        rentDueCents: d.rentAndChargesCents,
        managedBenefits: x.managedBenefits,
        month: state,
      };
      const violation = checkOperationL2712(ledger, { kind, amountCents, benefitKind });
      if (violation) throw new Error(`demo ledger for ${d.id} breaks ${violation.code}`);
      balance += deltaOf(kind, amountCents);
      const purpose = purposeOf(benefitKind);
      if (kind === OperationKind.RECEIPT && purpose === BenefitPurpose.HOUSING)
        state.housingReceivedCents += amountCents;
      if (kind === OperationKind.RECEIPT && purpose === BenefitPurpose.CARE) state.careReceivedCents += amountCents;
      if (kind === OperationKind.RENT_PAYMENT) state.rentPaidCents += amountCents;
      if (kind === OperationKind.CARE_PAYMENT) state.carePaidCents += amountCents;
      ops.push({
        fileId: d.id,
        beneficiaryId: d.beneficiaryId,
        kind,
        amountCents,
        operatedOn: `${month}-${day}`,
        label,
        benefitKind,
        overdraftId: null,
        overdraftLimitCents: null,
        authorSub: d.workerSub,
        authorOrgId: d.associationOrgId,
      });
    };
    for (const b of x.benefits)
      post(
        OperationKind.RECEIPT,
        b.amountCents,
        '05',
        `Versement ${benefitsFr([b.kind])} de ${formatMonthFr(month)}`,
        b.kind,
      );
    const careLeft = () => state.careReceivedCents - state.carePaidCents;
    post(
      OperationKind.RENT_PAYMENT,
      Math.min(d.rentAndChargesCents, balance - careLeft()),
      '06',
      `Loyer et charges ${month}`,
    );
    post(OperationKind.CARE_PAYMENT, careLeft(), '08', `Aide à domicile ${month}`);
    if (state.rentPaidCents >= d.rentAndChargesCents) {
      post(OperationKind.OTHER_PAYMENT, Math.min(x.energyCents, balance), '10', `Énergie ${month}`);
      post(OperationKind.TRANSFER_TO_PERSON, balance - 2000, '12', `Reste à vivre ${month}`);
    }
  }
  return ops;
}

export async function seedAssociation(ds: DataSource, plan: DemoPlan, today = new Date()): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  let seeded = false;
  const derived = new Map(plan.delegations.map((d) => [d.id, deriveDelegation(d)]));
  if ((await ds.getRepository(DelegatedFile).count()) === 0) {
    await ds.transaction(async (tx) => {
      const measures = new Map(plan.measures.map((m) => [m.id, m]));
      for (const d of plan.delegations) {
        // the event the département publishes when it delegates (delegation-lifecycle.ts), applied by its handler
        const endsOn = d.endsOn ?? measures.get(d.measureId)!.endsOn;
        await handleDelegationGranted(tx, {
          id: uuidFrom(prng(seedOf(`${d.id}/granted`))),
          type: 'delegation.granted',
          producer: 'department',
          occurredAt: `${d.startsOn}T09:00:00.000Z`,
          data: {
            delegationId: d.id,
            measureId: d.measureId,
            beneficiaryId: d.beneficiaryId,
            associationOrgId: d.associationOrgId,
            startsOn: d.startsOn,
            endsOn,
            managedBenefits: derived.get(d.id)!.managedBenefits,
            reachEndsOn: addMonths(endsOn, DEMO_CLOSING_WINDOW_MONTHS),
          },
        });
        // then the file, as openDelegatedFile opens it: from the delegation in force (file id: the delegation's)
        const [delegation]: (KnownDelegation & { reachEndsOn: string })[] = await tx.query(DELEGATIONS_OF_MEASURE_SQL, [
          d.measureId,
        ]);
        await openFileFor(
          tx,
          delegation,
          {
            workerSub: d.workerSub,
            startedOn: d.startsOn,
            handoverSummary: d.handoverSummary,
            rentAndChargesCents: d.rentAndChargesCents,
            monthlyResourcesCents: d.monthlyResourcesCents,
          },
          d.id,
        );
      }
    });
    seeded = true;
  }
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM association.delegated_benefit`);
  if (n === 0) {
    await ds.transaction(async (tx) => {
      const ids = new Set(
        (await tx.query(`SELECT id FROM association.delegated_file`)).map((r: { id: string }) => r.id),
      );
      const delegations = plan.delegations.filter((d) => ids.has(d.id));
      const benefits = delegations.flatMap((d) =>
        derived.get(d.id)!.benefits.map((b) => ({
          fileId: d.id,
          beneficiaryId: d.beneficiaryId,
          kind: b.kind,
          monthlyAmountCents: b.amountCents,
          payingBody: PAYING_BODY[b.kind] ?? 'CAF du Loiret',
          recordedBySub: d.workerSub,
          recordedByOrgId: d.associationOrgId,
        })),
      );
      await insertRows(tx, DelegatedBenefit, benefits as DelegatedBenefit[]);
      const plans = delegations.flatMap((d) => {
        const x = derived.get(d.id)!;
        const lines = demoPlanLines(d, x);
        const { totals } = checkBudgetPlanL2712(d.rentAndChargesCents, lines);
        return [-1, 0].map((offset) => ({
          fileId: d.id,
          beneficiaryId: d.beneficiaryId,
          month: monthOf(today, offset),
          lines: lines.map((l) => ({ ...l, benefitKind: l.benefitKind ?? null })),
          rentDueCents: d.rentAndChargesCents,
          ...totals,
          authorSub: d.workerSub,
          authorOrgId: d.associationOrgId,
        }));
      });
      await insertRows(tx, DelegatedBudgetPlan, plans as unknown as DelegatedBudgetPlan[]);
      // One file after another, in date order: the ledger trigger numbers each operation and keeps the balance.
      const ops = delegations.flatMap((d) => demoOperations(d, derived.get(d.id)!, today));
      await insertRows(tx, DelegatedOperation, ops as DelegatedOperation[]);
      const on = todayIso(today);
      const bilans = delegations.map((d) => {
        const due = addMonths(d.startsOn, 3);
        return {
          fileId: d.id,
          beneficiaryId: d.beneficiaryId,
          kind: BilanKind.PROGRESS,
          writtenOn: due < on ? due : on,
          summary: derived.get(d.id)!.bilan,
          authorSub: d.workerSub,
          authorOrgId: d.associationOrgId,
        };
      });
      await insertRows(tx, DelegationBilan, bilans as DelegationBilan[]);
    });
    seeded = true;
  }
  return seeded;
}
