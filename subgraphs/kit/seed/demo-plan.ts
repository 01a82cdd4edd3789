/**
 * The demo département, as data: deterministic (seeded PRNG, fixed organisation ids) so that the printed tokens,
 * the README's queries and the end-to-end tests all name the same rows. Proportions follow schema/domain.md › Demo
 * volumes:
 * ~30 % MASP 1, ~70 % MASP 2 (most delegated), MASP 3 rare, a few MAJ; social-housing rents ≈ €425 + charges.
 * Each subgraph seeds its own part (subgraphs/<name>/seed.ts); dates are relative to `today`.
 */

import { BenefitKind } from '../../../schema/benefits';
import { addDays, addMonths, monthOf as thisMonth, shiftMonth, todayIso, wholeMonthsBetween } from '../rules/calendar';
import { prng, seedOf, uuidFrom } from './prng';
import { courtOfCommune, DEMO_TERRITORIES, TERRITORIAL_UNITS } from './territory';

export const DEMO_ORGS = {
  departement: 'd0000000-0000-4000-8000-000000000045',
  associationA: 'a0000000-0000-4000-8000-00000000000a',
  associationB: 'a0000000-0000-4000-8000-00000000000b',
  bailleurs: [
    'b0000000-0000-4000-8000-000000000001',
    'b0000000-0000-4000-8000-000000000002',
    'b0000000-0000-4000-8000-000000000003',
  ],
  mandataire: 'c0000000-0000-4000-8000-000000000001',
  /** The family-benefits fund paying rent on a MASP 3 judgment (not a user of the hub). */
  organismePayeur: 'f0000000-0000-4000-8000-000000000001',
} as const;

/** The demo's territorial units (the Loiret's Maisons du Département): codes of `./territory`. */
export { DEMO_TERRITORIES };
export const referentSub = (territory: string, n: number) => `ts-${territory.toLowerCase()}-${n}`;

export interface DemoPerson {
  id: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  address: string;
  phone: string | null;
  territory: string;
  referentSub: string;
}
export interface DemoMeasure {
  id: string;
  beneficiaryId: string;
  level: 'MASP_1' | 'MASP_2' | 'MASP_3';
  status: 'ACTIVE' | 'ENDED';
  startsOn: string;
  endsOn: string;
  /** A contract renewed before its term (CASF L271-2), so that none in force is past its term: `applyContractTerms`. */
  renewal?: DemoRenewal;
}
export interface DemoRenewal {
  /** The first term's end, the renewal's start. */
  startsOn: string;
  months: number;
  decidedOn: string;
  evaluatedOn: string;
}
export interface DemoDelegation {
  id: string;
  measureId: string;
  beneficiaryId: string;
  associationOrgId: string;
  workerSub: string;
  startsOn: string;
  endsOn: string | null;
  monthlyResourcesCents: number;
  rentAndChargesCents: number;
  handoverSummary: string;
}
export interface DemoMajNotice {
  id: string;
  beneficiaryId: string;
  mandataireOrgId: string;
  startsOn: string;
  endsOn: string | null;
}
export interface DemoLease {
  id: string;
  beneficiaryId: string;
  landlordOrgId: string;
  reference: string;
  address: string;
  tenantName: string;
  rentCents: number;
  chargesCents: number;
  startsOn: string;
}
export interface DemoOrder {
  id: string;
  leaseId: string;
  payerOrgId: string;
  payerKind: 'ASSOCIATION' | 'DEPARTEMENT' | 'ORGANISME_PAYEUR' | 'MANDATAIRE';
  monthlyAmountCents: number;
  startsOn: string;
  endsOn: string | null;
}
export interface DemoRentPayment {
  id: string;
  leaseId: string;
  month: string;
  expectedCents: number;
  receivedCents: number | null;
  status: 'CONFIRMED' | 'PARTIAL' | 'MISSING';
}
export interface DemoJudicialMeasure {
  id: string;
  /** The département's notice it is recorded from (C. civ. 495-2). */
  noticeId: string;
  beneficiaryId: string;
  mandataireOrgId: string;
  court: string;
  judgmentDate: string;
  reference: string;
  status: 'ACTIVE' | 'ENDED';
  startsOn: string;
  endsOn: string;
}

export interface DemoPlan {
  persons: DemoPerson[];
  measures: DemoMeasure[];
  delegations: DemoDelegation[];
  majNotices: DemoMajNotice[];
  leases: DemoLease[];
  orders: DemoOrder[];
  payments: DemoRentPayment[];
  judicialMeasures: DemoJudicialMeasure[];
}

const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
];
const FIRST = [
  'Marie',
  'Jean',
  'Nathalie',
  'Pierre',
  'Isabelle',
  'Michel',
  'Sylvie',
  'Philippe',
  'Catherine',
  'Alain',
  'Sandrine',
  'Patrick',
  'Valérie',
  'Nicolas',
  'Christine',
  'Karim',
  'Fatima',
  'Mohamed',
  'Aïcha',
  'Kevin',
  'Sabrina',
  'Julien',
  'Céline',
  'Thierry',
  'Nadia',
];
const STREETS = [
  'rue des Tilleuls',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'allée des Peupliers',
  'place de la République',
  'rue du Moulin',
  'boulevard Pasteur',
  'rue de la Gare',
];
/** Each unit's persons live in its first commune (postal code, name). */
const CITIES: Record<string, [string, string]> = Object.fromEntries(
  TERRITORIAL_UNITS.map((u) => [u.code, [u.communes[0].postalCode, u.communes[0].name]]),
);
const SUMMARIES = [
  'Dettes de loyer apurées en partie ; objectif : stabiliser le budget et ouvrir les droits APL.',
  "Personne isolée, ressources RSA ; accompagnement aux démarches et à la gestion des factures d'énergie.",
  "Famille monoparentale ; priorité au paiement du loyer et des charges, plan d'apurement en cours.",
  "Retraité, difficultés de gestion ; suivi des prélèvements et ouverture d'un compte dédié.",
];

export function buildDemoPlan(opts: { scale?: number; today?: Date } = {}): DemoPlan {
  const scale = opts.scale ?? 1;
  const rnd = prng(45);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const uuid = () => uuidFrom(rnd);
  const today = opts.today ?? new Date();
  const day = (offsetDays: number) => addDays(todayIso(today), offsetDays);
  const monthOf = (offset: number) => shiftMonth(thisMonth(todayIso(today)), offset);

  const plan: DemoPlan = {
    persons: [],
    measures: [],
    delegations: [],
    majNotices: [],
    leases: [],
    orders: [],
    payments: [],
    judicialMeasures: [],
  };
  const count = Math.round(300 * scale);
  for (let i = 0; i < count; i++) {
    const territory = DEMO_TERRITORIES[i % DEMO_TERRITORIES.length];
    const [postalCode, city] = CITIES[territory];
    const lastName = pick(LAST);
    const firstName = pick(FIRST);
    const person: DemoPerson = {
      id: uuid(),
      lastName,
      firstName,
      birthDate: `${int(1950, 2004)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      address: `${int(1, 180)} ${pick(STREETS)}, ${postalCode} ${city}`,
      phone: rnd() < 0.8 ? `06 ${int(10, 99)} ${int(10, 99)} ${int(10, 99)} ${int(10, 99)}` : null,
      territory,
      referentSub: referentSub(territory, (i % 2) + 1),
    };
    plan.persons.push(person);

    // History: some persons had an earlier measure that ended.
    if (rnd() < 0.35) {
      const start = day(-int(900, 1400));
      plan.measures.push({
        id: uuid(),
        beneficiaryId: person.id,
        level: 'MASP_1',
        status: 'ENDED',
        startsOn: start,
        endsOn: addMonths(start, int(6, 12)),
      });
    }
    // Current situation: mostly MASP 2; the first persons cover every case so that the demo always shows each.
    const roll = i < 8 ? [0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.97, 0.99][i] : rnd();
    const kind = roll < 0.3 ? 'MASP_1' : roll < 0.92 ? 'MASP_2' : roll < 0.96 ? 'MASP_3' : 'MAJ';
    const start = day(-int(30, 600));
    const months = kind === 'MASP_3' ? 24 : int(6, 24);
    const measureId = uuid();
    const level = kind === 'MAJ' ? 'MASP_2' : kind;
    const status = kind === 'MAJ' ? 'ENDED' : 'ACTIVE';
    plan.measures.push({
      id: measureId,
      beneficiaryId: person.id,
      level,
      status,
      startsOn: start,
      endsOn: kind === 'MAJ' ? day(-int(60, 200)) : addMonths(start, months),
    });
    if (kind === 'MASP_1') continue;

    const rentCents = int(330, 560) * 100;
    const chargesCents = int(80, 160) * 100;
    const lease: DemoLease = {
      id: uuid(),
      beneficiaryId: person.id,
      landlordOrgId: DEMO_ORGS.bailleurs[i % 3],
      reference: `BAIL-${String(10000 + i)}`,
      address: person.address,
      tenantName: `${lastName.toUpperCase()} ${firstName}`,
      rentCents,
      chargesCents,
      startsOn: day(-int(700, 3000)),
    };
    plan.leases.push(lease);

    let payer: { org: string; kind: DemoOrder['payerKind'] } | undefined;
    if (kind === 'MASP_2' && (i < 8 || rnd() < 0.7)) {
      const associationOrgId = i % 5 < 3 ? DEMO_ORGS.associationA : DEMO_ORGS.associationB;
      plan.delegations.push({
        id: uuid(),
        measureId,
        beneficiaryId: person.id,
        associationOrgId,
        workerSub: `delegue-${associationOrgId === DEMO_ORGS.associationA ? 'a' : 'b'}-${int(1, 3)}`,
        startsOn: start,
        endsOn: null,
        monthlyResourcesCents: int(600, 1400) * 100,
        rentAndChargesCents: rentCents + chargesCents,
        handoverSummary: pick(SUMMARIES),
      });
      payer = { org: associationOrgId, kind: 'ASSOCIATION' };
    } else if (kind === 'MASP_3') {
      payer = { org: DEMO_ORGS.organismePayeur, kind: 'ORGANISME_PAYEUR' };
    } else if (kind === 'MAJ') {
      const judgment = day(-int(30, 300));
      const noticeId = uuid();
      // the notice carries the term the judgment fixed (C. civ. 495-8), the MAJ is recorded from it
      plan.majNotices.push({
        id: noticeId,
        beneficiaryId: person.id,
        mandataireOrgId: DEMO_ORGS.mandataire,
        startsOn: judgment,
        endsOn: addMonths(judgment, 24),
      });
      plan.judicialMeasures.push({
        id: uuid(),
        noticeId,
        beneficiaryId: person.id,
        mandataireOrgId: DEMO_ORGS.mandataire,
        // the tribunal judiciaire of the person's commune (its ressort, from the territory's table)
        court: courtOfCommune(city)!,
        judgmentDate: judgment,
        reference: `RG ${today.getUTCFullYear() - 1}/${int(1000, 9999)}`,
        status: 'ACTIVE',
        startsOn: judgment,
        endsOn: addMonths(judgment, 24),
      });
      payer = { org: DEMO_ORGS.mandataire, kind: 'MANDATAIRE' };
    }
    if (!payer) continue;
    plan.orders.push({
      id: uuid(),
      leaseId: lease.id,
      payerOrgId: payer.org,
      payerKind: payer.kind,
      monthlyAmountCents: rentCents + chargesCents,
      startsOn: start,
      endsOn: null,
    });
    // The last six months of payments; about one lease in ten is two months behind.
    const behind = rnd() < 0.1;
    for (let m = -6; m <= -1; m++) {
      const expected = rentCents + chargesCents;
      const missing = behind && m >= -2;
      const partial = !missing && rnd() < 0.05;
      plan.payments.push({
        id: uuid(),
        leaseId: lease.id,
        month: monthOf(m),
        expectedCents: expected,
        receivedCents: missing ? 0 : partial ? Math.round(expected / 2) : expected,
        status: missing ? 'MISSING' : partial ? 'PARTIAL' : 'CONFIRMED',
      });
    }
  }
  applyContractTerms(plan, todayIso(today));
  return plan;
}

// ─── Direct payments on a judgment (CASF L271-5): the département's decisions the landlords learn ───────────────────

/** The id of the judgment that opened a demo MASP 3 measure (the département's seed records it under this id). */
export const demoJudgmentIdOf = (measureId: string): string => uuidFrom(prng(seedOf(`judgment:${measureId}`)));

/** A demo MASP 3 person's order, as the département decides it from the judgment (its own id: the plan's order's). */
export interface DemoJudicialOrder {
  orderId: string;
  judgmentId: string;
  measureId: string;
  beneficiaryId: string;
  leaseId: string;
  landlordOrgId: string;
  payerOrgId: string;
  monthlyAmountCents: number;
  /** The judgment's term (the order runs from its start to the day before its end). */
  term: { startsOn: string; endsOn: string };
}

/** The plan's orders paid by the paying body on a judgment, each with the MASP 3 measure (and judgment) it executes. */
export function demoJudicialOrders(plan: DemoPlan): DemoJudicialOrder[] {
  const leases = new Map(plan.leases.map((l) => [l.id, l]));
  return plan.orders.flatMap((o) => {
    if (o.payerKind !== 'ORGANISME_PAYEUR') return [];
    const lease = leases.get(o.leaseId)!;
    const m = plan.measures.find(
      (x) => x.beneficiaryId === lease.beneficiaryId && x.level === 'MASP_3' && x.status === 'ACTIVE',
    );
    if (!m) return [];
    return [
      {
        orderId: o.id,
        judgmentId: demoJudgmentIdOf(m.id),
        measureId: m.id,
        beneficiaryId: lease.beneficiaryId,
        leaseId: lease.id,
        landlordOrgId: lease.landlordOrgId,
        payerOrgId: o.payerOrgId,
        monthlyAmountCents: o.monthlyAmountCents,
        term: { startsOn: m.startsOn, endsOn: m.endsOn },
      },
    ];
  });
}

// ─── Delegations and contract terms (issue 17: the demo obeys the rules of the API) ────────────────────────────────

/** The register of délégataires of the demo (CASF L271-3): the two associations, each with a convention in force. */
export function demoRegister(today: Date = new Date()) {
  const since = addDays(todayIso(today), -1500);
  return [
    { id: DEMO_ORGS.associationA, name: 'Association Loiret Accompagnement', letter: 'A' },
    { id: DEMO_ORGS.associationB, name: 'Association Budget Solidaire', letter: 'B' },
  ].map((o) => ({
    organisation: { id: o.id, name: o.name, kind: 'ASSOCIATION' as const, siret: null },
    conventions: [{ reference: demoConventionRef(o.id), signedOn: addDays(since, -30), startsOn: since, endsOn: null }],
  }));
}

/** The reference of the demo convention of association `orgId`. */
export const demoConventionRef = (orgId: string) => `CONV-L271-3-${orgId.slice(-1).toUpperCase()}-2025`;

/** The département's closing window the demo assumes (its parameter's default, DELEGATION_CLOSING_WINDOW_MONTHS). */
export const DEMO_CLOSING_WINDOW_MONTHS = 2;

/**
 * What the contract of a delegated MASP 2 manages, with the monthly amounts the person receives (the benefits add up
 * to the delegation's monthly resources): the one source of the département's contract and of the association's
 * file, so that they agree (CASF L271-2).
 */
export function demoContractBenefits(d: DemoDelegation): { kind: BenefitKind; amountCents: number }[] {
  const rnd = prng(seedOf(d.id));
  const total = d.monthlyResourcesCents;
  const housing = rnd() < 0.6 ? Math.min(d.rentAndChargesCents, (150 + Math.floor(rnd() * 150)) * 100) : 0;
  const care = rnd() < 0.2 ? (200 + Math.floor(rnd() * 100)) * 100 : 0;
  const primaryKind: BenefitKind = total <= 80000 ? BenefitKind.RSA : rnd() < 0.6 ? BenefitKind.AAH : BenefitKind.ASPA;
  const benefits: { kind: BenefitKind; amountCents: number }[] = [];
  let rest = total;
  if (care && rest - care >= 20000) {
    benefits.push({ kind: rnd() < 0.7 ? BenefitKind.APA : BenefitKind.PCH, amountCents: care });
    rest -= care;
  }
  if (housing && rest - housing >= 20000) {
    benefits.push({ kind: rnd() < 0.7 ? BenefitKind.APL : BenefitKind.ALS, amountCents: housing });
    rest -= housing;
  }
  benefits.unshift({ kind: primaryKind, amountCents: rest });
  return benefits;
}

/**
 * CASF L271-2: a contract not renewed by its term ends at its term. The plan's contracts in force whose first term has
 * passed are renewed before it (an evaluation of the results first), for the months that carry them past today,
 * within 6–24 months and the 48-month cap: no contract of the demo is in force past its term.
 */
export function applyContractTerms(plan: DemoPlan, today: string): void {
  const horizon = addDays(today, 7); // a renewed term runs at least a week past today
  for (const m of plan.measures) {
    if (m.status !== 'ACTIVE' || m.level === 'MASP_3' || m.endsOn > today) continue;
    const used = plan.measures
      .filter((o) => o.beneficiaryId === m.beneficiaryId && o !== m && o.level !== 'MASP_3' && o.startsOn < m.startsOn)
      .reduce((sum, o) => sum + Math.min(24, Math.max(1, wholeMonthsBetween(o.startsOn, o.endsOn))), 0);
    const first = Math.min(24, Math.max(1, wholeMonthsBetween(m.startsOn, m.endsOn)));
    const cap = Math.min(24, 48 - used - first);
    let months = 6;
    while (months < cap && addMonths(m.endsOn, months) <= horizon) months++;
    if (months > cap || addMonths(m.endsOn, months) <= horizon)
      throw new Error(`demo plan: measure ${m.id} cannot be renewed past today within the cap`);
    m.renewal = { startsOn: m.endsOn, months, decidedOn: addDays(m.endsOn, -10), evaluatedOn: addDays(m.endsOn, -20) };
    m.endsOn = addMonths(m.endsOn, months);
  }
}
