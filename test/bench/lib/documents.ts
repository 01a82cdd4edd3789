import { trustedDocument } from '../../../gateway/persisted-documents';

/**
 * The bench's own documents (beyond the journeys' sample queries), registered as the trusted documents of the `bench`
 * client (gateway/trusted-documents/bench): `npm run bench` runs with NODE_ENV=production.
 */
export const BENCH_DOCUMENTS = {
  /** Issue 8's target journey: the caseload page of 50 persons with alerts. */
  caseloadPage: trustedDocument('bench', 'CaseloadPage'),
  /** The caseload at 1, 10 and 100 persons: the SQL statements a request costs must not grow with its rows. */
  caseload: {
    1: trustedDocument('bench', 'Caseload1'),
    10: trustedDocument('bench', 'Caseload10'),
    100: trustedDocument('bench', 'Caseload100'),
  },
};
