import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { formatDateFr } from '../../../subgraphs/kit/rules/french';
import { DecisionKind, EndReason, MeasureLevel } from '../../../subgraphs/department/entities/enums';
import { renderDocument, renderLetter, LetterBody } from '../../../subgraphs/department/letters/render';
import { contractSignedLetter } from '../../../subgraphs/department/letters/contract-signed.letter';
import { avenantLetter } from '../../../subgraphs/department/letters/avenant-signed.letter';
import { contractRenewedLetter } from '../../../subgraphs/department/letters/contract-renewed.letter';
import { measureEndedLetter } from '../../../subgraphs/department/letters/measure-ended.letter';
import { proposalRefusedLetter } from '../../../subgraphs/department/letters/proposal-refused.letter';
import { directPaymentRequestedLetter } from '../../../subgraphs/department/letters/direct-payment-requested.letter';
import { directPaymentJudgmentLetter } from '../../../subgraphs/department/letters/direct-payment-judgment.letter';
import { l2716ReportDocument, medicalAnnexDocument } from '../../../subgraphs/department/letters/l271-6-pack.document';
import { contestUntil, recourseOf } from '../../../subgraphs/department/letters/recourse';
import { pdfWords } from '../../helpers/pdf-text';
import { sql } from '../../helpers/sql';
import { startTestHub, TestHub } from '../../helpers/hub';

/** The PDF text as extracted, spaces (no-break included) as one plain space, for comparisons with French text. */
const plain = (s: string) => s.replace(/\s+/gu, ' ');

const person = { firstName: 'Élodie', lastName: 'Durand-Lettres', address: '12 rue Bannier, 45000 Orléans' };
const DECIDED = '2026-03-02';
const NOTIFIED = '2026-03-05';

const ADMINISTRATIVE = [
  'Voies et délais de recours',
  'dans un délai de deux mois à compter de sa notification',
  'recours gracieux adressé au président du conseil départemental',
  'recours contentieux devant le tribunal administratif d’Orléans (code de justice administrative, article R421-1)',
];
const JUDICIAL = [
  'Voies et délais de recours',
  'appel dans un délai de quinze jours à compter de sa notification par le greffe (code de procédure civile, article 538)',
];

const kinds: [DecisionKind, LetterBody, string[]][] = [
  [
    DecisionKind.CONTRACT_SIGNED,
    contractSignedLetter({
      level: MeasureLevel.MASP_2,
      signedOn: DECIDED,
      startsOn: DECIDED,
      endsOn: '2027-03-02',
      months: 12,
      managedBenefits: ['AAH', 'APL'],
      proposedOn: '2026-02-20',
    }),
    [
      'Vous avez signé le 2 mars 2026 le contrat d’accompagnement social personnalisé que le Département vous a proposé le 20 février 2026',
      'mesure d’accompagnement social personnalisé de niveau 2 (avec gestion de prestations sociales)',
      'pendant 12 mois, du 2 mars 2026 au 2 mars 2027',
      'gère pour votre compte les prestations suivantes : AAH et APL',
    ],
  ],
  [
    DecisionKind.AVENANT_SIGNED,
    avenantLetter({
      signedOn: DECIDED,
      fromLevel: MeasureLevel.MASP_1,
      toLevel: MeasureLevel.MASP_2,
      managedBenefits: ['RSA'],
      benefitsChanged: true,
      objectivesChanged: false,
      endsOn: '2026-09-01',
    }),
    [
      'Un avenant à votre contrat d’accompagnement social personnalisé a été signé le 2 mars 2026',
      'Votre mesure devient une mesure d’accompagnement social personnalisé de niveau 2',
      'le Département gère désormais pour votre compte : RSA',
    ],
  ],
  [
    DecisionKind.CONTRACT_RENEWED,
    contractRenewedLetter({
      decidedOn: DECIDED,
      evaluatedOn: '2026-02-15',
      startsOn: '2026-04-01',
      endsOn: '2027-04-01',
      months: 12,
    }),
    [
      'Après l’évaluation de ses résultats du 15 février 2026, votre contrat d’accompagnement social personnalisé est renouvelé par décision du 2 mars 2026',
      'pendant 12 mois, du 1er avril 2026 au 1er avril 2027',
    ],
  ],
  [
    DecisionKind.MEASURE_ENDED,
    measureEndedLetter({ level: MeasureLevel.MASP_1, endedOn: DECIDED, reason: EndReason.AUTONOMY }),
    [
      'Votre mesure d’accompagnement social personnalisé de niveau 1 (accompagnement social et aide à la gestion du budget) prend fin le 2 mars 2026',
      'Motif : les objectifs du contrat sont atteints',
    ],
  ],
  [
    DecisionKind.PROPOSAL_REFUSED,
    proposalRefusedLetter({ proposedOn: '2026-02-20', refusedOn: DECIDED, level: MeasureLevel.MASP_1, months: 6 }),
    [
      'Le 20 février 2026, le Département vous a proposé un contrat d’accompagnement social personnalisé de 6 mois',
      'Vous avez refusé ce contrat le 2 mars 2026',
      'article L271-5',
    ],
  ],
  [
    DecisionKind.DIRECT_PAYMENT_REQUESTED,
    directPaymentRequestedLetter({
      requestedOn: DECIDED,
      landlordName: 'Logem Loiret',
      rentAndChargesCents: 123456,
      arrearsMonths: 2,
    }),
    [
      'Le 2 mars 2026, le président du conseil départemental a demandé au juge que vos prestations sociales soient versées directement à votre bailleur, Logem Loiret',
      '1 234,56 € par mois',
      '2 mois consécutifs de loyer impayé',
    ],
  ],
  [
    DecisionKind.DIRECT_PAYMENT_JUDGMENT,
    directPaymentJudgmentLetter({
      court: 'tribunal judiciaire d’Orléans',
      judgmentOn: DECIDED,
      reference: 'RG 26/00042',
      monthlyAmountCents: 48900,
      startsOn: '2026-04-01',
      endsOn: '2028-04-01',
      renewal: false,
    }),
    [
      'jugement rendu le 2 mars 2026 par : tribunal judiciaire d’Orléans (référence RG 26/00042)',
      'ordonne le versement direct à votre bailleur',
      '489,00 € par mois',
      'du 1er avril 2026 au 1er avril 2028',
    ],
  ],
];

describe('department › decision letters (rendered and read back)', () => {
  it.each(kinds)(
    '%s: the name, address, decision, its date, the notification and the voies de recours',
    async (kind, body, decision) => {
      const pdf = await renderLetter(person, body, { decidedOn: DECIDED, notifiedOn: NOTIFIED });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = plain(await pdfWords(pdf));
      expect(text).toContain('Élodie DURAND-LETTRES');
      expect(text).toContain('12 rue Bannier, 45000 Orléans');
      expect(text).toContain(`Objet : ${body.title}`);
      for (const sentence of decision) expect(text).toContain(plain(sentence));
      expect(text).toContain('Date de la décision : 2 mars 2026.');
      expect(text).toContain('Date de notification : 5 mars 2026');
      const recourse = kind === DecisionKind.DIRECT_PAYMENT_JUDGMENT ? JUDICIAL : ADMINISTRATIVE;
      for (const line of recourse) expect(text).toContain(line);
      if (kind !== DecisionKind.DIRECT_PAYMENT_JUDGMENT) expect(text).not.toContain('quinze jours');
      // no English code inside the French text
      expect(text).not.toMatch(/MASP_\d|AUTONOMY|REFUSAL|DIRECT_PAYMENT/);
    },
  );

  it('counts the deadline from the notification: two months (CJA R421-1), fifteen days for an appeal (CPC 538)', () => {
    expect(contestUntil(recourseOf(DecisionKind.CONTRACT_SIGNED), '2026-03-05')).toBe('2026-05-05');
    expect(contestUntil(recourseOf(DecisionKind.MEASURE_ENDED), '2026-12-31')).toBe('2027-02-28');
    expect(contestUntil(recourseOf(DecisionKind.DIRECT_PAYMENT_JUDGMENT), '2026-03-05')).toBe('2026-03-20');
  });

  it('renders the L271-6 pack: the report, and the medical annex as a separate document', async () => {
    const report = plain(
      await pdfWords(
        await renderDocument(
          l2716ReportDocument(person, {
            birthDate: '1980-05-01',
            openedOn: '2026-02-01',
            sentOn: DECIDED,
            socialEvaluation: 'Isolement, impayés répétés.',
            financialEvaluation: 'Dettes de loyer : 2 400 €.',
            actionsBilan: 'Deux contrats MASP sans effet durable.',
            hasMedicalAnnex: true,
          }),
          DECIDED,
        ),
      ),
    );
    expect(report).toContain('Rapport au procureur de la République (CASF L271-6)');
    expect(report).toContain('Élodie DURAND-LETTRES, née ou né le 1er mai 1980');
    expect(report).toContain('transmis le 2 mars 2026');
    expect(report).toContain('Isolement, impayés répétés.');
    expect(report).toContain('sous pli cacheté séparé');
    const annex = plain(
      await pdfWords(
        await renderDocument(
          medicalAnnexDocument(person, { writtenOn: '2026-02-10', sealedOn: DECIDED, content: 'Troubles cognitifs.' }),
          DECIDED,
        ),
      ),
    );
    expect(annex).toContain('Annexe médicale sous pli cacheté (CASF L271-6)');
    expect(annex).toContain('Élodie DURAND-LETTRES');
    expect(annex).toContain('Troubles cognitifs.');
    expect(report).not.toContain('Troubles cognitifs.');
  });
});

// ─── Through the gateway ────────────────────────────────────────────────────────────────────────────────────────

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const dept = (sub: string, role: Role) => ({
  sub,
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [role],
});
const worker = dept('ts-letters-1', Role.TRAVAILLEUR_SOCIAL);
const medecin = dept('medecin-letters', Role.MEDECIN);
const delegue = {
  sub: 'delegue-letters',
  org_kind: OrgKind.ASSOCIATION,
  org_id: DEMO_ORGS.associationA,
  roles: [Role.DELEGUE],
};
const landlord = {
  sub: 'gestion-letters',
  org_kind: OrgKind.BAILLEUR,
  org_id: DEMO_ORGS.bailleurs[0],
  roles: [Role.GESTIONNAIRE_LOCATIF],
};

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await hub.query(await hub.token(claims), query, variables);
  expect(status).toBe(200);
  return body;
}
async function ok(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}
const pdfOf = (b64: string) => Buffer.from(b64, 'base64');

const DOC_FIELDS = `id kind decisionKind subjectId decidedOn notifiedOn contestUntil sha256 title contentBase64`;
const DOCUMENTS = `query($id: ID!) { beneficiary(id: $id) { documents { ${DOC_FIELDS} } } }`;
const ANNEX_DOCUMENT = `query($id: ID!) { document(id: $id) { id kind title sealedContentBase64 } }`;
const LETTER_DOCUMENT = `query($id: ID!) { document(id: $id) { ${DOC_FIELDS} } }`;
const DOCUMENT_IDS = `query($id: ID!) { document(id: $id) { id decisionKind } }`;

async function refer(lastName: string): Promise<string> {
  const d = await ok(worker, `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`, {
    input: {
      lastName,
      firstName: 'Élodie',
      birthDate: '1980-05-01',
      address: '12 rue Bannier, 45000 Orléans',
      territory: 'TEST-LETTERS',
      referredOn: addMonths(TODAY, -3),
    },
  });
  return d.referBeneficiary.id;
}

describe('department › documents through the gateway', () => {
  let personId: string;
  let letterId: string;
  let reportId: string;

  it('notifies the refusal of a proposal by a stored letter the référent reads, and the AR moves the deadline', async () => {
    personId = await refer('Lettres');
    const proposalId = (
      await ok(worker, `mutation($input: ProposeContractInput!) { proposeContract(input: $input) { id status } }`, {
        input: {
          beneficiaryId: personId,
          level: 'MASP_1',
          startsOn: TODAY,
          months: 6,
          objectives: 'Stabiliser le budget.',
          engagements: 'Rendez-vous mensuels.',
          proposedOn: addDays(TODAY, -20),
        },
      })
    ).proposeContract.id;
    await ok(
      worker,
      `mutation($input: RefuseContractProposalInput!) { refuseContractProposal(input: $input) { id } }`,
      {
        input: { proposalId, refusedOn: addDays(TODAY, -10) },
      },
    );
    const docs = (await ok(worker, DOCUMENTS, { id: personId })).beneficiary.documents;
    expect(docs).toEqual([
      {
        id: expect.any(String),
        kind: 'DECISION_LETTER',
        decisionKind: 'PROPOSAL_REFUSED',
        subjectId: proposalId,
        decidedOn: addDays(TODAY, -10),
        notifiedOn: TODAY,
        contestUntil: addMonths(TODAY, 2),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        title: 'Notification : refus du contrat d’accompagnement social personnalisé proposé',
        contentBase64: expect.any(String),
      },
    ]);
    letterId = docs[0].id;
    const text = plain(await pdfWords(pdfOf(docs[0].contentBase64)));
    expect(text).toContain('Élodie LETTRES');
    expect(text).toContain(`Vous avez refusé ce contrat le ${formatDateFr(addDays(TODAY, -10))}`);
    expect(text).toContain(`Date de la décision : ${formatDateFr(addDays(TODAY, -10))}.`);
    expect(text).toContain('tribunal administratif d’Orléans');

    const NOTIFIED = `mutation($id: ID!, $on: LocalDate!) { recordLetterNotified(id: $id, notifiedOn: $on) { notifiedOn contestUntil } }`;
    const before = await as(worker, NOTIFIED, { id: letterId, on: addDays(TODAY, -11) });
    expect(before.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notifiedOn' });
    const future = await as(worker, NOTIFIED, { id: letterId, on: addDays(TODAY, 1) });
    expect(future.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await ok(worker, NOTIFIED, { id: letterId, on: addDays(TODAY, -8) })).recordLetterNotified).toEqual({
      notifiedOn: addDays(TODAY, -8),
      contestUntil: addMonths(addDays(TODAY, -8), 2),
    });
  });

  it('keeps the L271-6 pack apart: the médecin opens the medical annex, the référent cannot', async () => {
    reportId = (
      await ok(worker, `mutation($input: OpenL2716ReportInput!) { openL2716Report(input: $input) { id } }`, {
        input: {
          beneficiaryId: personId,
          openedOn: TODAY,
          socialEvaluation: 'Isolement.',
          financialEvaluation: 'Dettes de loyer.',
          actionsBilan: 'Proposition refusée.',
        },
      })
    ).openL2716Report.id;
    await ok(medecin, `mutation($input: WriteMedicalAnnexInput!) { writeMedicalAnnex(input: $input) { id } }`, {
      input: { beneficiaryId: personId, writtenOn: TODAY, content: 'Troubles cognitifs sévères.' },
    });
    const PACK = `mutation($id: ID!) { assembleL2716Pack(reportId: $id) { id kind subjectId title contentBase64 } }`;
    expect((await as(worker, PACK, { id: reportId })).errors[0].extensions.code).toBe('L271_6_REPORT_STATE');
    expect(await sql(`SELECT id FROM department.report_document WHERE report_id = $1`, [reportId])).toEqual([]);
    await ok(worker, `mutation($input: SendL2716ReportInput!) { sendL2716Report(input: $input) { status } }`, {
      input: { reportId, sentOn: TODAY },
    });
    const pack = await ok(worker, PACK, { id: reportId });
    expect(pack.assembleL2716Pack).toEqual([
      {
        id: expect.any(String),
        kind: 'L271_6_REPORT',
        subjectId: reportId,
        title: 'Rapport au procureur de la République (CASF L271-6)',
        contentBase64: expect.any(String),
      },
      {
        id: expect.any(String),
        kind: 'MEDICAL_ANNEX',
        subjectId: reportId,
        title: 'Annexe médicale sous pli cacheté (CASF L271-6)',
        contentBase64: null, // sealed: its content is `sealedContentBase64`, MEDICAL
      },
    ]);
    const [reportDoc, annexDoc] = pack.assembleL2716Pack;
    const reportText = plain(await pdfWords(pdfOf(reportDoc.contentBase64)));
    expect(reportText).toContain('Élodie LETTRES');
    expect(reportText).not.toContain('Troubles cognitifs');
    // asked again: the same documents
    const again = await ok(worker, PACK, { id: reportId });
    expect(again.assembleL2716Pack.map((d: { id: string }) => d.id)).toEqual([reportDoc.id, annexDoc.id]);

    const byTs = await as(worker, ANNEX_DOCUMENT, { id: annexDoc.id });
    expect(byTs.data.document).toEqual({
      id: annexDoc.id,
      kind: 'MEDICAL_ANNEX',
      title: 'Annexe médicale sous pli cacheté (CASF L271-6)',
      sealedContentBase64: null,
    });
    expect(byTs.errors).toEqual([
      expect.objectContaining({
        path: ['document', 'sealedContentBase64'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', domain: 'MEDICAL' }),
      }),
    ]);
    const byMedecin = await ok(medecin, ANNEX_DOCUMENT, { id: annexDoc.id });
    const annexText = plain(await pdfWords(pdfOf(byMedecin.document.sealedContentBase64)));
    expect(annexText).toContain('Élodie LETTRES');
    expect(annexText).toContain('Troubles cognitifs sévères.');

    // the médecin reaches the person (an open L271-6 procedure) but not the JUDICIAL content of a decision letter
    const letterByMedecin = await as(medecin, LETTER_DOCUMENT, { id: letterId });
    expect(letterByMedecin.data.document).toMatchObject({
      id: letterId,
      decisionKind: 'PROPOSAL_REFUSED',
    });
    expect(letterByMedecin.data.document.contentBase64).toBeNull();
    expect(letterByMedecin.errors).toEqual([
      expect.objectContaining({
        path: ['document', 'contentBase64'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', domain: 'JUDICIAL' }),
      }),
    ]);
  });

  it('gives an association or a landlord no document, as for an unknown id', async () => {
    for (const caller of [delegue, landlord]) {
      const body = await as(caller, DOCUMENT_IDS, { id: letterId });
      expect(body.data?.document ?? null).toBeNull();
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const unknown = await as(worker, DOCUMENT_IDS, { id: '00000000-0000-4000-8000-000000000000' });
    const outOfReach = await as(dept('ts-letters-2', Role.TRAVAILLEUR_SOCIAL), DOCUMENT_IDS, { id: letterId });
    expect(outOfReach.errors[0].message).toBe(unknown.errors[0].message);
  });

  it('records each read of a document in the access log', async () => {
    const reads = await sql<{ sub: string; domains: string[] }>(
      `SELECT sub, domains FROM department.access_log WHERE beneficiary_id = $1 AND action = 'READ' ORDER BY at`,
      [personId],
    );
    expect(reads).toEqual(
      expect.arrayContaining([
        { sub: worker.sub, domains: expect.arrayContaining(['JUDICIAL', 'SOCIAL_SUMMARY']) },
        { sub: medecin.sub, domains: expect.arrayContaining(['MEDICAL', 'SOCIAL_SUMMARY']) },
      ]),
    );
    // the médecin's reads never list JUDICIAL (refused), the référent's never MEDICAL
    expect(reads.filter((r) => r.sub === medecin.sub).flatMap((r) => r.domains)).not.toContain('JUDICIAL');
    expect(reads.filter((r) => r.sub === worker.sub).flatMap((r) => r.domains)).not.toContain('MEDICAL');
  });

  it('alerts the référent while the contestation deadline of a measure runs', async () => {
    const id = await refer('Alerte');
    await ok(worker, `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`, {
      input: { beneficiaryId: id, kind: 'RSA', monthlyAmountCents: 64600, payingBody: 'CAF', startsOn: '2020-01-01' },
    });
    await ok(worker, `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible } }`, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés.', capacityToConsent: true },
    });
    const measureId = (
      await ok(worker, `mutation($input: SignContractInput!) { signContract(input: $input) { id } }`, {
        input: {
          beneficiaryId: id,
          level: 'MASP_1',
          startsOn: TODAY,
          months: 12,
          objectives: 'o',
          engagements: 'e',
          consent: true,
          signedOn: TODAY,
        },
      })
    ).signContract.id;
    const alerts = async () => {
      const all: { id: string; kind: string; measure: { id: string } | null }[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { id: string; kind: string; measure: { id: string } | null }[] = (
          await ok(
            worker,
            `query($after: ID) { caseloadAlerts(first: 100, after: $after) { id kind measure { id } } }`,
            {
              after,
            },
          )
        ).caseloadAlerts;
        all.push(...page);
        if (page.length < 100) return all;
        after = page[page.length - 1].id;
      }
    };
    // one alert per kind and subject: the measure's only alert is its running contestation deadline
    const ofMeasure = async () => (await alerts()).filter((a) => a.measure?.id === measureId).map((a) => a.kind);
    expect(await ofMeasure()).toEqual(['CONTESTATION_DEADLINE_RUNNING']);
    await sql(`UPDATE department.decision_letter SET notified_on = $2, contest_until = $3 WHERE subject_id = $1`, [
      measureId,
      addMonths(TODAY, -3),
      addDays(TODAY, -1),
    ]);
    expect(await ofMeasure()).toEqual([]);
  });
});
