import { todayIso } from '../../subgraphs/kit/rules/calendar';

/** Sends one GraphQL operation as `caller` and returns the answer's body (each test file has its own). */
export type AskAs = (
  caller: Record<string, unknown>,
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data?: any; errors?: any[] }>;

/**
 * A new person of `worker`'s, referred to the judge after a refused MASP (CASF L271-6, C. civ. 495-2), through the
 * département's mutations: referral, a benefit, the refusal, the L271-6 report sent and the procureur's decision. A MAJ
 * notice may follow. Returns the person's id.
 */
export async function personReferredToJudge(
  as: AskAs,
  worker: Record<string, unknown>,
  person: { lastName: string; birthDate: string; territory: string },
): Promise<string> {
  const today = todayIso();
  const id = (
    await as(worker, `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`, {
      input: { ...person, firstName: 'Maj', address: 'x', referredOn: today },
    })
  ).data.referBeneficiary.id;
  await as(worker, `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`, {
    input: { beneficiaryId: id, kind: 'AAH', monthlyAmountCents: 103300, payingBody: 'CAF', startsOn: '2020-01-01' },
  });
  await as(worker, `mutation($input: RecordContractRefusalInput!) { recordContractRefusal(input: $input) { id } }`, {
    input: { beneficiaryId: id, kind: 'REFUSAL', recordedOn: today },
  });
  const reportId = (
    await as(worker, `mutation($input: OpenL2716ReportInput!) { openL2716Report(input: $input) { id } }`, {
      input: { beneficiaryId: id, openedOn: today, socialEvaluation: 's', financialEvaluation: 'f', actionsBilan: 'b' },
    })
  ).data.openL2716Report.id;
  await as(worker, `mutation($input: SendL2716ReportInput!) { sendL2716Report(input: $input) { status } }`, {
    input: { reportId, sentOn: today },
  });
  await as(
    worker,
    `mutation($input: RecordProcureurDecisionInput!) { recordProcureurDecision(input: $input) { status } }`,
    { input: { reportId, outcome: 'REFERRED_TO_JUDGE', decidedOn: today } },
  );
  return id;
}
