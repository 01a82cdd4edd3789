/**
 * One query per journey of README.md › The journeys, printed by `npm start`, shown in the README, and run by the
 * end-to-end tests (so the README's examples cannot rot).
 */
import { Role } from '../schema/policy';

/** Last month (UTC), `YYYY-MM`: the seeded demo's payments are relative to today. */
export function previousMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export interface SampleQuery {
  journey: string;
  role: Role;
  query: string;
}

export const SAMPLE_QUERIES: Record<string, SampleQuery> = {
  associationFiles: {
    journey: '1. An association queries its delegated files',
    role: Role.DELEGUE,
    query: `query MyDelegatedFiles {
  myDelegatedFiles(first: 5) {
    id status startedOn workerSub monthlyResourcesCents rentAndChargesCents handoverSummary managedBenefits
    benefits { kind monthlyAmountCents payingBody }
    budgetPlan { month resourcesCents rentAndChargesCents careCents otherChargesCents resteAVivreCents }
    account { balanceCents overdraftLimitCents }
    operations(last: 5) { seq kind amountCents balanceAfterCents operatedOn }
    bilans { kind writtenOn summary }
    measure {
      id level status startsOn endsOn
      beneficiary {
        firstName lastName address
        leases { reference rentCents chargesCents payments(last: 3) { month status receivedCents } }
      }
    }
  }
}`,
  },
  landlordPayments: {
    journey:
      '2. A landlord confirms direct rent payments (last month; then confirmRentPayment / confirmRentPayments, declareRentArrears)',
    role: Role.GESTIONNAIRE_LOCATIF,
    query: `query LandlordMonth {
  expectedPayments(month: "${previousMonth()}", first: 20) { leaseId month tenantName reference expectedCents payerKind status receivedCents }
  myLeases(first: 5) {
    id reference tenantName rentCents chargesCents
    rentHistory { effectiveFrom rentCents chargesCents }
    directPaymentOrders { payerKind monthlyAmountCents startsOn endsOn }
    payments(last: 2) { month status expectedCents receivedCents receivedOn }
    rentArrears { unpaidMonths consecutiveUnpaidMonths amountDueCents alert }
  }
}`,
  },
  departmentCaseload: {
    journey: '3. Département staff view the combined picture (one query, four subgraphs)',
    role: Role.TRAVAILLEUR_SOCIAL,
    query: `query Caseload {
  caseload(first: 5) {
    id firstName lastName territory
    measures { id level status startsOn endsOn delegatedFile { status monthlyResourcesCents handoverSummary } }
    leases { tenantName rentCents chargesCents payments(last: 2) { month status } }
    directPaymentOrders { payerKind monthlyAmountCents }
    judicialMeasures { court status startsOn endsOn }
  }
}`,
  },
  mandataireMeasures: {
    journey: '4a. An MJPM lists its MAJ',
    role: Role.MJPM,
    query: `query MyJudicialMeasures {
  myJudicialMeasures(first: 10) {
    id court judgmentDate reference startsOn endsOn
    beneficiary { firstName lastName address leases { reference rentCents chargesCents } }
  }
}`,
  },
  mandataireJourney: {
    journey: '4b. An MJPM runs its MAJ: judgment, person, benefits covered, account and lease',
    role: Role.MJPM,
    query: `query MyMajFiles {
  myJudicialMeasures(first: 5) {
    id status startsOn endsOn court judgmentDate reference procureurRequestReference benefitsCovered extensionOrdered
    renewals(first: 5) { decidedOn newEndsOn reason }
    account { balanceCents lastOperationDate }
    accountOperations(first: 5) { operationDate kind amountCents balanceAfterCents benefitKind lease { id reference } }
    reports(first: 3) { kind writtenOn content }
    beneficiary { firstName lastName birthDate address leases { id reference rentCents chargesCents } }
  }
}`,
  },
};
