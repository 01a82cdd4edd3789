import { BenefitKind } from '../../../schema/benefits';
import {
  assertAvenant,
  assertConsent,
  assertContractTerm,
  assertEndReason,
  assertManagedBenefits,
  assertRenewalBeforeTermEnd,
  assertRenewalBenefits,
  assertRenewalEvaluation,
  assertTotalDuration,
  contestationDeadline,
  EndReason,
  isContestable,
  termEndsOn,
} from '../../../subgraphs/department/rules/contract.rule';
import * as enums from '../../../subgraphs/department/entities/enums';
import * as labels from '../../../subgraphs/department/rules/labels';
import {
  assertContribution,
  contributionCapCents,
  scaleReferenceDate,
} from '../../../subgraphs/department/rules/contribution.rule';
import {
  assertArrearsFromLandlordRecords,
  assertDirectPaymentJudgment,
  assertDirectPaymentPreconditions,
  assertLeaseOfPerson,
  assertNoDirectPaymentRunning,
  consecutiveMonths,
  judicialOrderPeriod,
  assertRequestComplete,
  missingRequestContent,
} from '../../../subgraphs/department/rules/direct-payment.rule';
import {
  assertEligible,
  assessEligibility,
  EligibilityRefusal,
  ProtectionKind,
} from '../../../subgraphs/department/rules/eligibility.rule';
import {
  assertL271_6Preconditions,
  assertMajNotice,
  assertNoMajInForce,
} from '../../../subgraphs/department/rules/maj.rule';
import { suppressSmallCells } from '../../../subgraphs/department/rules/statistics.rule';

/** The refusal a rule throws: its code, message and extensions. */
function refusal(fn: () => unknown): { code: string; message: string; extensions: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    const err = e as { message: string; extensions: Record<string, unknown> };
    return { code: err.extensions.code as string, message: err.message, extensions: err.extensions };
  }
  throw new Error('expected a refusal');
}

describe('department › contract term (CASF L271-2)', () => {
  it('accepts 6 and 24 months', () => {
    expect(() => assertContractTerm(6)).not.toThrow();
    expect(() => assertContractTerm(24)).not.toThrow();
  });
  it('refuses a 5-month term, naming the statute', () => {
    expect(refusal(() => assertContractTerm(5))).toMatchObject({
      code: 'CONTRACT_TERM_OUT_OF_RANGE',
      message:
        'CASF L271-2 : un contrat dure de 6 à 24 mois (demandé : 5). / CASF L271-2: a contract runs 6 to 24 months (requested: 5).',
      extensions: { rule: 'CASF L271-2', minMonths: 6, maxMonths: 24 },
    });
  });
  it('refuses a 25-month term (L271-2)', () => {
    expect(refusal(() => assertContractTerm(25)).code).toBe('CONTRACT_TERM_OUT_OF_RANGE');
  });
  it('applies a département parameter and says it is the local rule that refused', () => {
    expect(() => assertContractTerm(3, { minMonths: 3, maxMonths: 6 })).not.toThrow();
    const r = refusal(() => assertContractTerm(7, { minMonths: 3, maxMonths: 6 }));
    expect(r.code).toBe('CONTRACT_TERM_OUT_OF_RANGE');
    expect(r.message).toContain('Paramètre départemental CONTRACT_MIN_MONTHS/CONTRACT_MAX_MONTHS (CASF L271-2)');
    expect(r.message).toContain('between 3 and 6 months (requested: 7; the statute says 6 to 24)');
    // A bound the département chose is its practice, not the statute: the message cites the parameter, the rule says
    // so.
    expect(r.extensions).toMatchObject({ rule: 'pratique départementale', minMonths: 3, maxMonths: 6 });
  });
  it('refuses a fractional term as an input error', () => {
    expect(refusal(() => assertContractTerm(6.5))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'months' },
    });
  });
  it('ends a term the same day `months` later', () => {
    expect(termEndsOn('2026-01-01', 24)).toBe('2028-01-01');
  });
});

describe('department › 48-month cap (CASF L271-2)', () => {
  it('accepts exactly 48 months in all', () => {
    expect(() => assertTotalDuration(24, 24)).not.toThrow();
    expect(() => assertTotalDuration(42, 6)).not.toThrow();
  });
  it('refuses 49 months', () => {
    expect(refusal(() => assertTotalDuration(43, 6))).toMatchObject({
      code: 'TOTAL_DURATION_EXCEEDED',
      message: expect.stringContaining(
        "CASF L271-2: the measure's total duration (levels 1 and 2 together) cannot exceed 48 months (43 used, 6 requested); reading applied: per measure",
      ),
      extensions: { usedMonths: 43, addedMonths: 6, capMonths: 48, reading: 'PER_MEASURE' },
    });
  });
});

describe('department › renewal (CASF L271-2)', () => {
  it('accepts an evaluation dated during the term, up to the renewal day', () => {
    expect(() => assertRenewalEvaluation('2026-01-01', '2026-01-01', '2026-06-01')).not.toThrow();
    expect(() => assertRenewalEvaluation('2026-06-01', '2026-01-01', '2026-06-01')).not.toThrow();
  });
  it('refuses without an evaluation, with one dated after the renewal, or one older than the term', () => {
    for (const evaluatedOn of [null, '2026-06-02', '2025-12-31']) {
      expect(refusal(() => assertRenewalEvaluation(evaluatedOn, '2026-01-01', '2026-06-01'))).toMatchObject({
        code: 'RENEWAL_WITHOUT_EVALUATION',
        message: expect.stringContaining('CASF L271-2: a contract is renewed only after a prior evaluation'),
      });
    }
  });
  it('is decided before the running term ends (never tacit)', () => {
    expect(() => assertRenewalBeforeTermEnd('2026-06-30', '2026-07-01')).not.toThrow();
    expect(refusal(() => assertRenewalBeforeTermEnd('2026-07-01', '2026-07-01')).code).toBe('RENEWAL_NOT_AT_TERM');
  });
  it('is refused when the benefits ended, unless a documented exception', () => {
    expect(refusal(() => assertRenewalBenefits(false, null)).code).toBe('RENEWAL_BENEFITS_ENDED');
    expect(refusal(() => assertRenewalBenefits(false, 'court')).code).toBe('RENEWAL_BENEFITS_ENDED');
    expect(() => assertRenewalBenefits(false, 'Droits AAH en cours de réexamen par la MDPH.')).not.toThrow();
    expect(() => assertRenewalBenefits(true, null)).not.toThrow();
  });
});

describe('department › consent, managed benefits, avenant, end', () => {
  it('requires consent', () => {
    expect(refusal(() => assertConsent(false))).toMatchObject({
      code: 'CONSENT_REQUIRED',
      extensions: { rule: 'CASF L271-1, L271-2' },
    });
  });
  it('a MASP 2 manages received benefits; extension tier only when justified', () => {
    expect(refusal(() => assertManagedBenefits('MASP_2', [], [BenefitKind.RSA])).code).toBe(
      'MANAGED_BENEFITS_REQUIRED',
    );
    expect(refusal(() => assertManagedBenefits('MASP_2', [BenefitKind.AAH], [BenefitKind.RSA]))).toMatchObject({
      code: 'MANAGED_BENEFIT_NOT_RECEIVED',
      extensions: { benefits: ['AAH'] },
    });
    // the French half names the benefits in French, not by their codes
    expect(
      refusal(() =>
        assertManagedBenefits('MASP_2', [BenefitKind.AF, BenefitKind.ARS], [BenefitKind.AF, BenefitKind.ARS]),
      ).message,
    ).toContain(
      'CASF D271-2 : les prestations 18° à 29° (allocations familiales, allocation de rentrée scolaire) ne sont gérées que sur justification.',
    );
    expect(refusal(() => assertManagedBenefits('MASP_2', [BenefitKind.AF], [BenefitKind.AF])).code).toBe(
      'EXTENSION_NOT_JUSTIFIED',
    );
    expect(() =>
      assertManagedBenefits(
        'MASP_2',
        [BenefitKind.AF],
        [BenefitKind.AF],
        'Famille de trois enfants, AF indispensables au budget.',
      ),
    ).not.toThrow();
    expect(refusal(() => assertManagedBenefits('MASP_1', [BenefitKind.RSA], [BenefitKind.RSA])).code).toBe(
      'BAD_USER_INPUT',
    );
  });
  it('an avenant moves level 1 to 2 only (pratique départementale, not an article)', () => {
    expect(assertAvenant('MASP_1', { toLevel: 'MASP_2' })).toBe('MASP_2');
    expect(refusal(() => assertAvenant('MASP_2', { toLevel: 'MASP_1' }))).toMatchObject({
      code: 'AVENANT_INVALID',
      message:
        'pratique départementale : un avenant fait passer un contrat de la MASP 1 à la MASP 2, pas de la MASP 2 à la ' +
        'MASP 1. / pratique départementale: an avenant moves a contract from level 1 to level 2, not MASP_2 → MASP_1.',
      extensions: { rule: 'pratique départementale' },
    });
    expect(refusal(() => assertAvenant('MASP_3', { objectives: 'x' })).code).toBe('AVENANT_INVALID');
    expect(refusal(() => assertAvenant('MASP_1', {})).code).toBe('BAD_USER_INPUT');
  });
  it('end reasons follow the level', () => {
    expect(() => assertEndReason('MASP_1', EndReason.AUTONOMY)).not.toThrow();
    expect(() => assertEndReason('MASP_3', EndReason.MAINLEVEE)).not.toThrow();
    expect(refusal(() => assertEndReason('MASP_2', EndReason.MAINLEVEE)).code).toBe('END_REASON_INVALID');
    expect(refusal(() => assertEndReason('MASP_3', EndReason.AUTONOMY))).toMatchObject({
      code: 'END_REASON_INVALID',
      extensions: { rule: 'CASF L271-5' },
    });
    // the French half names the reason and the level in French, never the codes
    const fr = refusal(() => assertEndReason('MASP_2', EndReason.MAINLEVEE)).message.split(' / ')[0];
    expect(fr).toMatch(/^CASF L271-2 : le motif de fin « mainlevée » n'est pas admis pour une MASP 2 \(admis : /);
    expect(fr).not.toMatch(/MAINLEVEE|MASP_2|AUTONOMY/);
  });
});

describe('department › contestation within 2 months of notification', () => {
  it('computes the deadline', () => {
    expect(contestationDeadline('2026-03-15')).toBe('2026-05-15');
    expect(contestationDeadline('2025-12-31')).toBe('2026-02-28');
  });
  it('is contestable on the deadline day, not the day after', () => {
    expect(isContestable('2026-03-15', '2026-05-15')).toBe(true);
    expect(isContestable('2026-03-15', '2026-05-16')).toBe(false);
  });
});

describe('department › contribution (CASF L271-4, D271-5)', () => {
  const scale = { aahAnnualCents: 1239984, smicAnnualCents: 2162160 };
  it('is 0 at or below the AAH', () => {
    expect(contributionCapCents(1239984, scale)).toBe(0);
    expect(contributionCapCents(775200, scale)).toBe(0); // RSA-only household
  });
  it('is 10 % of the part above the AAH, up to the SMIC', () => {
    expect(contributionCapCents(1239985, scale)).toBe(0); // 0.1 cent, rounded down
    expect(contributionCapCents(1239994, scale)).toBe(1);
    expect(contributionCapCents(2162160, scale)).toBe(92217);
  });
  it('adds 23 % between S and 2.5 S and 3 % between 2.5 S and 6 S', () => {
    expect(contributionCapCents(2.5 * 2162160, scale)).toBe(92217 + Math.floor(0.23 * 1.5 * 2162160));
    const six = 6 * 2162160;
    expect(contributionCapCents(six + 1_000_000, scale)).toBe(contributionCapCents(six, scale));
  });
  it('refuses a contribution above the cap, and any contribution at the AAH', () => {
    expect(assertContribution(0, 1239984, scale)).toBe(0);
    expect(refusal(() => assertContribution(1, 1239984, scale))).toMatchObject({
      code: 'CONTRIBUTION_ABOVE_CAP',
      message:
        "CASF L271-4, D271-5 : la contribution (0,12\u00a0€ par an) dépasse le plafond du barème (0,00\u00a0€ par an : ressources inférieures ou égales à l'AAH). / " +
        "CASF L271-4, D271-5: the contribution (€0.12 a year) exceeds the scale's cap (€0.00 a year: resources at or below the AAH).",
    });
    expect(() => assertContribution(7684, 2162160, scale)).not.toThrow(); // 92208 ≤ 92217
    expect(refusal(() => assertContribution(7685, 2162160, scale))).toMatchObject({
      code: 'CONTRIBUTION_ABOVE_CAP',
      message: expect.stringContaining(
        'la contribution (922,20\u00a0€ par an) dépasse le plafond du barème (922,17\u00a0€ par an).',
      ),
    });
  });
  it('reads the AAH and the SMIC of 1 January of the resources year, the year before the decision (R471-5-3 II)', () => {
    expect(scaleReferenceDate('2026-06-15')).toBe('2025-01-01');
    expect(scaleReferenceDate('2026-01-01')).toBe('2025-01-01');
    expect(scaleReferenceDate('2025-12-31')).toBe('2024-01-01');
    expect(scaleReferenceDate('2027-03-31')).toBe('2026-01-01'); // the 2026 SMIC, the AAH of April 2025
  });
});

describe('department › eligibility (CASF L271-1)', () => {
  const base = {
    on: '2026-06-01',
    birthDate: '1980-01-01',
    threatToHealthOrSafety: "Impayés, risque d'expulsion",
    capacityToConsent: true,
    activeProtections: [],
    benefits: [{ kind: BenefitKind.RSA, tiersPayant: false, startsOn: '2025-01-01', endsOn: null }],
  };
  it('accepts an adult with a listed benefit, a recorded threat, able to consent', () => {
    expect(assessEligibility(base)).toEqual([]);
  });
  it('refuses a minor (18th birthday the day after)', () => {
    expect(assessEligibility({ ...base, birthDate: '2008-06-02' })).toEqual([EligibilityRefusal.NOT_ADULT]);
    expect(assessEligibility({ ...base, birthDate: '2008-06-01' })).toEqual([]);
  });
  it('does not count a housing aid paid to the landlord (tiers payant), nor an ended benefit', () => {
    expect(
      assessEligibility({
        ...base,
        benefits: [{ kind: BenefitKind.APL, tiersPayant: true, startsOn: '2025-01-01', endsOn: null }],
      }),
    ).toEqual([EligibilityRefusal.NO_LISTED_BENEFIT]);
    expect(
      assessEligibility({
        ...base,
        benefits: [{ kind: BenefitKind.APL, tiersPayant: false, startsOn: '2025-01-01', endsOn: null }],
      }),
    ).toEqual([]);
    expect(
      assessEligibility({
        ...base,
        benefits: [{ kind: BenefitKind.RSA, tiersPayant: false, startsOn: '2025-01-01', endsOn: '2026-06-01' }],
      }),
    ).toEqual([EligibilityRefusal.NO_LISTED_BENEFIT]);
  });
  it('needs a recorded threat and the capacity to consent', () => {
    expect(assessEligibility({ ...base, threatToHealthOrSafety: ' ', capacityToConsent: false })).toEqual([
      EligibilityRefusal.NO_THREAT_RECORDED,
      EligibilityRefusal.NO_CAPACITY_TO_CONSENT,
    ]);
  });
  it('refuses under a protection measure unless a documented override', () => {
    // no MASP beside a MAJ in force (CASF L271-1), whatever the override
    expect(assessEligibility({ ...base, majInForce: true, protectionOverride: 'Dérogation motivée longue' })).toEqual([
      EligibilityRefusal.MAJ_IN_FORCE,
    ]);
    expect(assessEligibility({ ...base, majInForce: false })).toEqual([]);
    expect(assessEligibility({ ...base, activeProtections: [ProtectionKind.CURATELLE] })).toEqual([
      EligibilityRefusal.UNDER_PROTECTION_MEASURE,
    ]);
    expect(
      assessEligibility({
        ...base,
        activeProtections: [ProtectionKind.CURATELLE],
        protectionOverride: 'Curatelle simple, accord du curateur.',
      }),
    ).toEqual([]);
  });
  it('assertEligible names the first failed rule', () => {
    expect(refusal(() => assertEligible(null)).code).toBe('ELIGIBILITY_NOT_ESTABLISHED');
    expect(
      refusal(() => assertEligible({ eligible: false, refusals: ['UNDER_PROTECTION_MEASURE'] })).extensions.rule,
    ).toBe('pratique départementale'); // the law does not exclude protected adults: the département's practice
    expect(refusal(() => assertEligible({ eligible: false, refusals: ['NOT_ADULT'] }))).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: 'CASF L271-1 : la personne doit être majeure. / CASF L271-1: the person must be an adult.',
      extensions: { refusals: ['NOT_ADULT'] },
    });
  });
});

describe('department › direct payment (CASF L271-5)', () => {
  it('needs a refusal or breach', () => {
    expect(refusal(() => assertDirectPaymentPreconditions(false)).code).toBe('DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH');
    expect(() => assertDirectPaymentPreconditions(true)).not.toThrow();
  });
  it("needs 2 consecutive unpaid months from the landlord's records, none typed (boundaries)", () => {
    expect(refusal(() => assertArrearsFromLandlordRecords(null))).toMatchObject({
      code: 'DIRECT_PAYMENT_ARREARS_TOO_LOW',
      message: expect.stringContaining(
        "CASF L271-5: at least 2 consecutive months of unpaid rent are required from the landlord's records (recorded: 0).",
      ),
    });
    expect(refusal(() => assertArrearsFromLandlordRecords({ unpaidMonths: ['2025-01'] })).code).toBe(
      'DIRECT_PAYMENT_ARREARS_TOO_LOW',
    );
    expect(refusal(() => assertArrearsFromLandlordRecords({ unpaidMonths: ['2025-01', '2025-03'] })).code).toBe(
      'DIRECT_PAYMENT_ARREARS_TOO_LOW',
    );
    expect(() => assertArrearsFromLandlordRecords({ unpaidMonths: ['2024-12', '2025-01'] })).not.toThrow();
    expect(consecutiveMonths(['2025-03', '2025-01', '2025-02', '2025-02'])).toBe(3);
  });
  it('needs a lease of the person, not ended on the day of the request', () => {
    const lease = { beneficiaryId: 'p', endsOn: '2025-06-30' };
    expect(refusal(() => assertLeaseOfPerson(null, 'p', '2025-06-01')).code).toBe('DIRECT_PAYMENT_NO_LEASE');
    expect(refusal(() => assertLeaseOfPerson(lease, 'q', '2025-06-01')).code).toBe('DIRECT_PAYMENT_NO_LEASE');
    expect(() => assertLeaseOfPerson(lease, 'p', '2025-06-30')).not.toThrow();
    expect(refusal(() => assertLeaseOfPerson(lease, 'p', '2025-07-01')).code).toBe('DIRECT_PAYMENT_NO_LEASE');
  });
  it('one direct payment at a time: refused while an order, a MASP 3 or a request runs', () => {
    expect(() => assertNoDirectPaymentRunning(null)).not.toThrow();
    for (const running of ['ORDER', 'MEASURE', 'REQUEST'] as const) {
      expect(refusal(() => assertNoDirectPaymentRunning(running))).toMatchObject({
        code: 'DIRECT_PAYMENT_ALREADY_RUNNING',
        extensions: { rule: 'CASF L271-5', running },
      });
    }
  });
  it("an order runs over the judgment's term, its last day the day before the term ends", () => {
    expect(judicialOrderPeriod({ startsOn: '2025-01-15', endsOn: '2027-01-15' })).toEqual({
      startsOn: '2025-01-15',
      endsOn: '2027-01-14',
    });
  });
  it('lists what the request lacks', () => {
    expect(missingRequestContent({})).toEqual([
      'identityAndAddress',
      'payingBodies',
      'landlord',
      'grounds',
      'requestedOn',
      'signedBy',
      'landlordDeclarationRef',
      'rentAndChargesCents',
    ]);
    expect(
      refusal(() =>
        assertRequestComplete({
          identityAndAddress: 'X',
          payingBodies: ['CAF'],
          landlordOrgId: 'b',
          landlordName: 'B',
          grounds: 'g',
          requestedOn: '2026-01-01',
          landlordDeclarationRef: 'D',
          rentAndChargesCents: 1,
        }),
      ),
    ).toMatchObject({ code: 'DIRECT_PAYMENT_REQUEST_INCOMPLETE', extensions: { missing: ['signedBy'] } });
  });
  const ok = {
    monthlyAmountCents: 55000,
    rentAndChargesCents: 55000,
    months: 24,
    usedMonths: 0,
  };
  it('accepts the amount equal to rent + charges, 24 months, 48 in all', () => {
    expect(() => assertDirectPaymentJudgment(ok)).not.toThrow();
    expect(() => assertDirectPaymentJudgment({ ...ok, usedMonths: 24 })).not.toThrow();
  });
  it('refuses each boundary crossed', () => {
    expect(refusal(() => assertDirectPaymentJudgment({ ...ok, monthlyAmountCents: 55001 })).code).toBe(
      'DIRECT_PAYMENT_AMOUNT_ABOVE_RENT',
    );
    expect(refusal(() => assertDirectPaymentJudgment({ ...ok, months: 25 })).code).toBe(
      'DIRECT_PAYMENT_TERM_OUT_OF_RANGE',
    );
    expect(refusal(() => assertDirectPaymentJudgment({ ...ok, months: 6, usedMonths: 43 }))).toMatchObject({
      code: 'TOTAL_DURATION_EXCEEDED',
      extensions: { rule: 'CASF L271-5' },
    });
  });
});

describe('department › L271-6 and MAJ (C. civ. 495)', () => {
  it('a MASP follows a MAJ that ended, never beside one in force (L271-1 al. 3)', () => {
    expect(() => assertNoMajInForce(false)).not.toThrow();
    expect(refusal(() => assertNoMajInForce(true)).code).toBe('MEASURE_DURING_MAJ');
  });
  it('a report follows a MASP failure', () => {
    expect(refusal(() => assertL271_6Preconditions(false)).code).toBe('L271_6_WITHOUT_MASP_FAILURE');
  });
  it("a MAJ notice needs the procureur's referral, no protection measure, ≤ 24 months", () => {
    expect(refusal(() => assertMajNotice(false, [], '2026-01-01', null))).toMatchObject({
      code: 'MAJ_NOTICE_WITHOUT_REFERRAL',
      extensions: { rule: 'C. civ. 495-2, CASF L271-6' },
    });
    expect(refusal(() => assertMajNotice(true, [ProtectionKind.TUTELLE], '2026-01-01', null))).toMatchObject({
      code: 'MAJ_INCOMPATIBLE_PROTECTION',
      // C. civ. 495-1 (as the mandataire cites it), not 495-3; the measure in French
      message: expect.stringContaining(
        'C. civ. 495-1 : une MAJ est incompatible avec une mesure de protection en cours (tutelle).',
      ),
      extensions: { rule: 'C. civ. 495-1' },
    });
    expect(() => assertMajNotice(true, [], '2026-01-01', '2028-01-01')).not.toThrow();
    expect(refusal(() => assertMajNotice(true, [], '2026-01-01', '2028-01-02')).code).toBe('MAJ_TERM_OUT_OF_RANGE');
    // the judgment fixes the term (C. civ. 495-8): a notice without one is refused
    expect(refusal(() => assertMajNotice(true, [], '2026-01-01', null))).toMatchObject({
      code: 'MAJ_TERM_OUT_OF_RANGE',
      extensions: { rule: 'C. civ. 495-8', field: 'endsOn' },
    });
  });
});

describe('department › L271-7 small cells', () => {
  it('suppresses cells of 1 to threshold-1, keeps 0 and the threshold', () => {
    const cells = [0, 1, 4, 5].map((count) => ({ indicator: 'I', dimension: String(count), count }));
    expect(suppressSmallCells(cells, 5).map((c) => c.count)).toEqual([0, null, null, 5]);
  });
});

describe('department › French labels (no English code inside a French sentence)', () => {
  it('has a French label for every code of every enum a message or a letter shows', () => {
    const tables: [Record<string, string>, readonly string[]][] = [
      [labels.MEASURE_LEVEL_FR, Object.values(enums.MeasureLevel)],
      [labels.MEASURE_LEVEL_SHORT_FR, Object.values(enums.MeasureLevel)],
      [labels.MEASURE_STATUS_FR, Object.values(enums.MeasureStatus)],
      [labels.END_REASON_FR, Object.values(enums.EndReason)],
      [labels.PROTECTION_KIND_FR, Object.values(enums.ProtectionKind)],
      [labels.ELIGIBILITY_REFUSAL_FR, Object.values(enums.EligibilityRefusal)],
      [labels.REPORT_STATUS_FR, Object.values(enums.ReportStatus)],
      [labels.PROCUREUR_OUTCOME_FR, Object.values(enums.ProcureurOutcome)],
      [labels.DIRECT_PAYMENT_REQUEST_STATUS_FR, Object.values(enums.DirectPaymentRequestStatus)],
      [labels.HOUSEHOLD_TYPE_FR, Object.values(enums.HouseholdType)],
      [labels.SEX_FR, Object.values(enums.Sex)],
      [labels.EVALUATION_KIND_FR, Object.values(enums.EvaluationKind)],
      [labels.REFUSAL_KIND_FR, Object.values(enums.RefusalKind)],
      [labels.CASE_ALERT_KIND_FR, Object.values(enums.CaseAlertKind)],
    ];
    for (const [table, codes] of tables) {
      expect(Object.keys(table).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(table[code]).not.toMatch(/^[A-Z_]+$/);
    }
    expect(labels.HOUSEHOLD_TYPE_FR.COUPLE_WITH_CHILDREN).toBe('couple avec enfants');
  });
});
