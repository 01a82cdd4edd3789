/**
 * One query per journey of README.md › The journeys, printed by `npm start`, shown in the README and the explorer, and
 * run by the end-to-end tests (so the README's examples cannot rot). The texts are the trusted documents of the
 * `samples` client (gateway/trusted-documents/samples/*.graphql), so that they run in production too, by id or text.
 */
import { Role } from '../schema/policy';
import { trustedDocument } from './persisted-documents';

/** Last month (UTC), `YYYY-MM`: the seeded demo's payments are relative to today. */
export function previousMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

export interface SampleQuery {
  journey: string;
  role: Role;
  /** The document, exactly as registered (gateway/trusted-documents/samples/<operation>.graphql). */
  query: string;
  /** Its variables, when it has any. */
  variables?: Record<string, unknown>;
}

/** A registered document of the `samples` client, by operation name. */
export const sampleDocument = (operation: string): string => trustedDocument('samples', operation);

export const SAMPLE_QUERIES: Record<string, SampleQuery> = {
  associationFiles: {
    journey: '1. An association queries its delegated files',
    role: Role.DELEGUE,
    query: sampleDocument('MyDelegatedFiles'),
  },
  landlordPayments: {
    journey:
      '2. A landlord confirms direct rent payments (last month; then confirmRentPayment / confirmRentPayments, declareRentArrears)',
    role: Role.GESTIONNAIRE_LOCATIF,
    query: sampleDocument('LandlordMonth'),
    variables: { month: previousMonth() },
  },
  departmentCaseload: {
    journey: '3. Département staff view the combined picture (one query, four subgraphs)',
    role: Role.TRAVAILLEUR_SOCIAL,
    query: sampleDocument('Caseload'),
  },
  mandataireMeasures: {
    journey: '4a. An MJPM lists its MAJ',
    role: Role.MJPM,
    query: sampleDocument('MyJudicialMeasures'),
  },
  mandataireJourney: {
    journey: '4b. An MJPM runs its MAJ: judgment, person, benefits covered, account and lease',
    role: Role.MJPM,
    query: sampleDocument('MyMajFiles'),
  },
};
