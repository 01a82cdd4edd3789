import type { DataSource } from 'typeorm';
import { DirectPaymentRequester, resteAVivreWarning } from './rules/direct-payment.rule';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { BenefitKind } from '../../schema/benefits';
import type { EntityManager } from 'typeorm';
import {
  DEMO_ORGS,
  demoContractBenefits,
  demoConventionRef,
  DemoDelegation,
  demoJudgmentIdOf,
  DemoPlan,
  demoRegister,
  DemoRenewal,
} from '../kit/seed/demo-plan';
import { todayIso } from '../kit/rules/calendar';
import { registerDelegataire, recordDelegationConvention } from './resolvers/delegataire.resolver';
import { grantDelegation } from './resolvers/delegation-lifecycle';
import { insertRows } from '../kit/seed/insert-rows';
import { demoL2716Packs } from './letters/demo-pack';
import { seedJudicialOrders, seedLeaseFacts } from './events/demo-facts';
import { relayLeases } from './events/maj.handlers';
import { prng, seedOf, uuidFrom } from '../kit/seed/prng';
import {
  Beneficiary,
  BenefitReceived,
  ContractProposal,
  ContractRefusal,
  ReportDocument,
  DirectPaymentJudgment,
  DirectPaymentRequest,
  EligibilityCheck,
  EndReason,
  Evaluation,
  EvaluationKind,
  HouseholdType,
  L2716Report,
  MajNotice,
  Measure,
  MeasureLevel,
  MeasureStatus,
  MeasureTerm,
  MedicalAnnex,
  ProcureurOutcome,
  ProposalStatus,
  RefusalKind,
  ReportStatus,
  Sex,
  DirectPaymentRequestStatus,
  DelegataireKind,
} from './entities';
import { addDays, wholeMonthsBetween } from '../kit/rules/calendar';
import { LOIRET_COURTS, unitOf } from '../kit/seed/territory';

/** The RSA montant forfaitaire of a single person from 1 April 2025 (CASF R262-1; migration law-statute-parameters). */
const DEMO_RSA_BASE_CENTS = 64652;

const OBJECTIVES = [
  'Stabiliser le budget ; payer le loyer et les charges en priorité ; ouvrir les droits APL.',
  "Apurer la dette d'énergie ; mettre en place les prélèvements ; apprendre à suivre le compte.",
  'Gérer les factures courantes ; constituer une épargne de précaution ; autonomie dans les démarches.',
];
const ENGAGEMENTS =
  "La personne transmet ses justificatifs et participe aux rendez-vous mensuels ; le Département assure l'accompagnement et le paiement prioritaire du loyer.";
const HOUSEHOLDS = [
  HouseholdType.SINGLE,
  HouseholdType.SINGLE,
  HouseholdType.SINGLE_PARENT,
  HouseholdType.COUPLE,
  HouseholdType.COUPLE_WITH_CHILDREN,
  HouseholdType.OTHER,
];

/**
 * Writes the département's part of the demo plan, unless persons already exist. The plan's rows and ids are kept as
 * they are (the other subgraphs and the tests rely on them); the case management around them (households, benefits,
 * eligibility, evaluations, contract terms and contents, L271-5 and L271-6 procedures) is derived deterministically.
 */
export async function seedDepartment(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  if ((await ds.getRepository(Beneficiary).count()) > 0) return false;
  const rnd = prng(271);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const uuid = () => uuidFrom(rnd);

  const measuresByPerson = new Map<string, DemoPlan['measures']>();
  for (const m of plan.measures)
    measuresByPerson.set(m.beneficiaryId, [...(measuresByPerson.get(m.beneficiaryId) ?? []), m]);
  const delegated = new Map(plan.delegations.map((d) => [d.measureId, d]));
  const majByPerson = new Map(plan.majNotices.map((n) => [n.beneficiaryId, n]));
  const judicialByPerson = new Map(plan.judicialMeasures.map((j) => [j.beneficiaryId, j]));
  const leaseByPerson = new Map(plan.leases.map((l) => [l.beneficiaryId, l]));

  const persons: Beneficiary[] = [];
  const measures: Measure[] = [];
  const terms: Partial<MeasureTerm>[] = [];
  const benefits: Partial<BenefitReceived>[] = [];
  const checks: Partial<EligibilityCheck>[] = [];
  const evaluations: Partial<Evaluation>[] = [];
  const refusals: Partial<ContractRefusal>[] = [];
  const proposals: Partial<ContractProposal>[] = [];
  const reports: Partial<L2716Report>[] = [];
  const annexes: Partial<MedicalAnnex>[] = [];
  const requests: Partial<DirectPaymentRequest>[] = [];
  const judgments: Partial<DirectPaymentJudgment>[] = [];
  const notices: Partial<MajNotice>[] = [];

  for (const p of plan.persons) {
    const own = (measuresByPerson.get(p.id) ?? []).slice().sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    const first = own[0]?.startsOn ?? p.birthDate;
    const household = pick(HOUSEHOLDS);
    const dependants =
      household === HouseholdType.SINGLE_PARENT || household === HouseholdType.COUPLE_WITH_CHILDREN
        ? 1 + Math.floor(rnd() * 3)
        : 0;
    persons.push({
      ...p,
      sex: rnd() < 0.55 ? Sex.F : Sex.M,
      householdType: household,
      dependants,
      referredOn: addDays(first, -45),
      referralSource: pick(['CCAS', 'Bailleur social', 'CAF', 'La personne']),
    } as Beneficiary);

    // Benefits received: RSA or AAH, plus an APL paid to the landlord (tiers payant) for one in two; families get AF.
    const since = addDays(first, -400);
    const main = rnd() < 0.6 ? BenefitKind.RSA : BenefitKind.AAH;
    benefits.push({
      id: uuid(),
      beneficiaryId: p.id,
      kind: main,
      monthlyAmountCents: main === BenefitKind.RSA ? 64600 : 103300,
      payingBody: 'CAF du Loiret',
      tiersPayant: false,
      startsOn: since,
      endsOn: null,
    });
    if (rnd() < 0.5)
      benefits.push({
        id: uuid(),
        beneficiaryId: p.id,
        kind: BenefitKind.APL,
        monthlyAmountCents: 18000 + Math.floor(rnd() * 10000),
        payingBody: 'CAF du Loiret',
        tiersPayant: true,
        startsOn: since,
        endsOn: null,
      });
    if (dependants > 1)
      benefits.push({
        id: uuid(),
        beneficiaryId: p.id,
        kind: BenefitKind.AF,
        monthlyAmountCents: 14900,
        payingBody: 'CAF du Loiret',
        tiersPayant: false,
        startsOn: since,
        endsOn: null,
      });

    const delegation = own.map((m) => delegated.get(m.id)).find(Boolean);
    if (delegation) receivesContractBenefits(benefits, p.id, delegation, since);

    checks.push({
      id: uuid(),
      beneficiaryId: p.id,
      checkedOn: addDays(first, -20),
      checkedBy: p.referentSub,
      threatToHealthOrSafety: "Impayés de loyer et d'énergie, risque d'expulsion.",
      capacityToConsent: true,
      protectionOverride: null,
      eligible: true,
      refusals: [],
    });
    evaluations.push({
      id: uuid(),
      beneficiaryId: p.id,
      kind: EvaluationKind.DIAGNOSTIC,
      evaluatedOn: addDays(first, -15),
      authorSub: p.referentSub,
      housingSituation: 'Locataire du parc social.',
      familySituation: household,
      resourcesAndCharges: `${main} ; loyer et charges à payer en priorité.`,
      debts: "Arriérés de loyer et factures d'énergie.",
      healthAndSafety: 'Pas de signalement médical.',
      autonomy: 'Démarches administratives difficiles.',
      needs: 'Accompagnement budgétaire.',
      diagnosis: 'Difficultés de gestion compromettant le maintien dans le logement.',
      handoverSummary:
        own.map((m) => delegated.get(m.id)?.handoverSummary).find(Boolean) ??
        'Accompagnement budgétaire ; loyer et charges payés en priorité.',
    });

    for (const m of own) {
      const level = m.level as MeasureLevel;
      const contract = level !== MeasureLevel.MASP_3;
      const months = Math.min(24, Math.max(1, wholeMonthsBetween(m.startsOn, m.endsOn)));
      const maj = majByPerson.get(p.id);
      const ended = m.status === 'ENDED';
      const endReason = ended
        ? maj
          ? EndReason.REFERRAL_TO_MAJ
          : rnd() < 0.5
            ? EndReason.AUTONOMY
            : EndReason.TERM
        : null;
      measures.push({
        ...m,
        level,
        status: m.status as MeasureStatus,
        objectives: contract ? pick(OBJECTIVES) : null,
        engagements: contract ? ENGAGEMENTS : null,
        managedBenefits:
          level !== MeasureLevel.MASP_2
            ? []
            : delegated.has(m.id)
              ? demoContractBenefits(delegated.get(m.id)!).map((b) => b.kind)
              : [main],
        extensionJustification: null,
        consentRecordedOn: contract ? m.startsOn : null,
        signedOn: m.startsOn,
        notifiedOn: addDays(m.startsOn, 3),
        endReason,
        endedOn: ended ? m.endsOn : null,
        endNotifiedOn: ended ? addDays(m.endsOn, 3) : null,
        annualResourcesCents: null,
        contributionMonthlyCents: null,
        contributionDecidedOn: null,
      } as unknown as Measure);
      const termId = uuid();
      const firstEndsOn = m.renewal?.startsOn ?? m.endsOn;
      terms.push({
        id: termId,
        measureId: m.id,
        beneficiaryId: p.id,
        seq: 1,
        startsOn: m.startsOn,
        endsOn: firstEndsOn,
        months: m.renewal ? Math.min(24, Math.max(1, wholeMonthsBetween(m.startsOn, firstEndsOn))) : months,
        evaluationId: null,
        decidedOn: m.startsOn,
        renewalException: null,
      });
      if (m.renewal) renewedTerm(terms, evaluations, m as typeof m & { renewal: DemoRenewal }, p.referentSub);

      if (level === MeasureLevel.MASP_3) {
        const lease = leaseByPerson.get(p.id);
        const rent = lease ? lease.rentCents + lease.chargesCents : 55000;
        // the contract proposed, then refused: what the L271-5 request rests on (issue 18)
        const proposalId = uuid();
        proposals.push({
          id: proposalId,
          beneficiaryId: p.id,
          level: MeasureLevel.MASP_2,
          startsOn: addDays(m.startsOn, -110),
          months: 12,
          objectives: 'Stabiliser le paiement du loyer.',
          engagements: 'Rencontres mensuelles avec le référent.',
          managedBenefits: benefits
            .filter((b) => b.beneficiaryId === p.id)
            .map((b) => b.kind!)
            .slice(0, 1),
          extensionJustification: null,
          proposedOn: addDays(m.startsOn, -130),
          status: ProposalStatus.REFUSED,
          answeredOn: addDays(m.startsOn, -120),
          measureId: null,
          authorSub: p.referentSub,
        });
        refusals.push({
          id: uuid(),
          beneficiaryId: p.id,
          kind: RefusalKind.REFUSAL,
          recordedOn: addDays(m.startsOn, -120),
          measureId: null,
          proposalId,
          note: 'Refus du contrat MASP proposé.',
        });
        const requestId = uuid();
        requests.push({
          id: requestId,
          beneficiaryId: p.id,
          status: DirectPaymentRequestStatus.GRANTED,
          requestedOn: addDays(m.startsOn, -60),
          signedBy: 'Le Président du Conseil départemental',
          identityAndAddress: `${p.lastName.toUpperCase()} ${p.firstName}, ${p.address}`,
          payingBodies: ['CAF du Loiret'],
          landlordOrgId: lease?.landlordOrgId ?? plan.leases[0].landlordOrgId,
          landlordName: 'Bailleur social',
          grounds: 'Refus de la MASP ; impayés de loyer depuis plus de deux mois.',
          declaredArrearsMonths: 3,
          landlordDeclarationRef: `DECL-${lease?.reference ?? 'X'}`,
          rentAndChargesCents: rent,
          measureId: m.id,
          leaseId: lease?.id ?? null,
          // issue 18: who asked, the reste-à-vivre warning the request carried, the judgment it received
          requester: DirectPaymentRequester.DEPARTEMENT,
          monthlyResourcesCents: rent + 60000,
          resteAVivreFloorCents: DEMO_RSA_BASE_CENTS,
          resteAVivreWarning: resteAVivreWarning(rent + 60000, rent, DEMO_RSA_BASE_CENTS).warning,
          judgedOn: addDays(m.startsOn, -5),
          judgmentCourt: "Tribunal judiciaire d'Orléans",
          judgmentReference: `RG VD/${m.id.slice(0, 8)}`,
        });
        uuid(); // drawn as before, so that the ids drawn after it stay the same
        judgments.push({
          id: demoJudgmentIdOf(m.id),
          requestId,
          measureId: m.id,
          beneficiaryId: p.id,
          termId,
          // the tribunal judiciaire whose ressort the person's commune lies in (kit/seed/territory.ts)
          court: unitOf(p.territory)?.communes[0].court ?? LOIRET_COURTS.ORLEANS,
          judgmentOn: addDays(m.startsOn, -5),
          reference: `RG VD/${m.id.slice(0, 8)}`,
          monthlyAmountCents: rent,
          monthlyResourcesCents: rent + 60000,
        });
      }
    }

    const maj = majByPerson.get(p.id);
    if (maj) {
      const judicial = judicialByPerson.get(p.id);
      const reportId = uuid();
      refusals.push({
        id: uuid(),
        beneficiaryId: p.id,
        kind: RefusalKind.BREACH,
        recordedOn: addDays(maj.startsOn, -150),
        measureId: null,
        note: 'Engagements du contrat non tenus.',
      });
      reports.push({
        id: reportId,
        beneficiaryId: p.id,
        status: ReportStatus.DECIDED,
        openedOn: addDays(maj.startsOn, -120),
        sentOn: addDays(maj.startsOn, -100),
        socialEvaluation: 'Isolement, difficultés persistantes de gestion.',
        financialEvaluation: "Dettes de loyer et d'énergie.",
        actionsBilan: 'MASP 2 sans amélioration suffisante.',
        decisionOutcome: ProcureurOutcome.REFERRED_TO_JUDGE,
        decidedOn: addDays(maj.startsOn, -60),
        decisionNote: 'Saisine du juge des tutelles.',
      });
      annexes.push({
        id: uuid(),
        beneficiaryId: p.id,
        reportId,
        writtenOn: addDays(maj.startsOn, -110),
        authorSub: 'medecin-1',
        content: 'Pli cacheté : éléments médicaux.',
        sealedOn: addDays(maj.startsOn, -100),
      });
      // the notice with the term the judgment fixed, naming the MAJ the MJPM recorded from it (the state its
      // `maj.recorded` leaves here: the mandataire's seed records that MAJ from this notice)
      notices.push({
        ...maj,
        reportId,
        judgmentOn: judicial?.judgmentDate ?? maj.startsOn,
        court: judicial?.court ?? null,
        reference: judicial?.reference ?? null,
        majId: judicial?.id ?? null,
        endsOn: judicial?.endsOn ?? maj.endsOn,
        recordedByOrgId: DEMO_ORGS.departement,
      });
    }
  }

  await ds.transaction(async (tx) => {
    await insertRows(tx, Beneficiary, persons);
    await seedLeaseFacts(tx, plan);
    await insertRows(tx, Measure, measures);
    await seedDelegations(tx, plan, measures);
    await insertRows(tx, BenefitReceived, benefits as BenefitReceived[]);
    await insertRows(tx, EligibilityCheck, checks as EligibilityCheck[]);
    await insertRows(tx, Evaluation, evaluations as Evaluation[]);
    await insertRows(tx, MeasureTerm, terms as MeasureTerm[]);
    await insertRows(tx, ContractProposal, proposals as ContractProposal[]);
    await insertRows(tx, ContractRefusal, refusals as ContractRefusal[]);
    await insertRows(tx, L2716Report, reports as L2716Report[]);
    await insertRows(tx, MedicalAnnex, annexes as MedicalAnnex[]);
    await insertRows(tx, ReportDocument, (await demoL2716Packs(persons, reports, annexes)) as ReportDocument[]);
    await insertRows(tx, MajNotice, notices as MajNotice[]);
    // as recording a notice does: its person's leases relayed to the MJPM service (whose seed applies `lease.known`),
    // else the scheduled relay sends them again in the run's first minute
    await relayLeases(tx, null);
    await insertRows(tx, DirectPaymentRequest, requests as DirectPaymentRequest[]);
    await insertRows(tx, DirectPaymentJudgment, judgments as DirectPaymentJudgment[]);
    await seedJudicialOrders(tx, plan);
  });
  return true;
}

/**
 * The person of a delegated MASP 2 receives the benefits its contract manages (CASF L271-2: only received benefits are
 * managed), with the amounts the délégataire's file records: the rows already drawn take those kinds (their ids kept),
 * the others are added with ids of their own.
 */
function receivesContractBenefits(
  benefits: Partial<BenefitReceived>[],
  beneficiaryId: string,
  d: DemoDelegation,
  since: string,
): void {
  const rows = benefits.filter((b) => b.beneficiaryId === beneficiaryId);
  const rnd = prng(seedOf(`${d.id}/received`));
  demoContractBenefits(d).forEach((c, i) => {
    const row = rows[i];
    if (row) Object.assign(row, { kind: c.kind, monthlyAmountCents: c.amountCents, tiersPayant: false });
    else
      benefits.push({
        id: uuidFrom(rnd),
        beneficiaryId,
        kind: c.kind,
        monthlyAmountCents: c.amountCents,
        payingBody: 'CAF du Loiret',
        tiersPayant: false,
        startsOn: since,
        endsOn: null,
      });
  });
}

/** A contract renewed before its term (CASF L271-2): the evaluation of the results, then the second term. */
function renewedTerm(
  terms: Partial<MeasureTerm>[],
  evaluations: Partial<Evaluation>[],
  m: { id: string; beneficiaryId: string; endsOn: string; renewal: DemoRenewal },
  authorSub: string,
): void {
  const rnd = prng(seedOf(`${m.id}/renewal`));
  const evaluationId = uuidFrom(rnd);
  evaluations.push({
    id: evaluationId,
    beneficiaryId: m.beneficiaryId,
    kind: EvaluationKind.RESULTATS,
    evaluatedOn: m.renewal.evaluatedOn,
    authorSub,
    diagnosis: 'Objectifs en partie atteints ; le renouvellement est utile.',
  });
  terms.push({
    id: uuidFrom(rnd),
    measureId: m.id,
    beneficiaryId: m.beneficiaryId,
    seq: 2,
    startsOn: m.renewal.startsOn,
    endsOn: m.endsOn,
    months: m.renewal.months,
    evaluationId,
    decidedOn: m.renewal.decidedOn,
    renewalException: null,
  });
}

/**
 * The register of délégataires and the delegations, through the API's own functions (CASF L271-3: a registered
 * délégataire, a convention in force, a MASP 2 in force). The association's seed applies the events these would
 * publish.
 */
async function seedDelegations(tx: EntityManager, plan: DemoPlan, measures: Measure[]): Promise<void> {
  for (const { organisation, conventions } of demoRegister()) {
    await registerDelegataire(tx, { ...organisation, kind: organisation.kind as DelegataireKind });
    for (const c of conventions) await recordDelegationConvention(tx, { organisationId: organisation.id, ...c });
  }
  const byId = new Map(measures.map((m) => [m.id, m]));
  const today = todayIso();
  for (const d of plan.delegations) {
    await grantDelegation(
      tx,
      byId.get(d.measureId)!,
      {
        id: d.id,
        associationOrgId: d.associationOrgId,
        conventionRef: demoConventionRef(d.associationOrgId),
        startsOn: d.startsOn,
        endsOn: d.endsOn,
      },
      { today, publishEvent: false },
    );
  }
}
