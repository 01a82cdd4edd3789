import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { BenefitKind } from '../../../schema/benefits';
import { MajAccountOperationKind as K, MajProtectionKind } from '../../../subgraphs/mandataire/entities/enums';
import {
  assertOperationDate,
  buildManagementAccount,
  directionOf,
  nextBalance,
} from '../../../subgraphs/mandataire/rules/account.rule';
import { assertBenefitCovered, assertBenefitsCovered } from '../../../subgraphs/mandataire/rules/maj-benefits.rule';
import { assertMajRenewal, assertMajTerm, assertMajTotal } from '../../../subgraphs/mandataire/rules/maj-term.rule';
import { assertNoIncompatibleProtection } from '../../../subgraphs/mandataire/rules/protection.rule';
import {
  assertLeaseOfPerson,
  assertMajFromNotice,
  assertTermOfJudgment,
} from '../../../subgraphs/mandataire/rules/maj-notice.rule';

/** The code and message of the error `fn` throws (fails the test if it does not throw a GraphQLError). */
function refusal(fn: () => unknown): { code: unknown; message: string; extensions: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    const g = e as GraphQLError;
    return { code: g.extensions.code, message: g.message, extensions: g.extensions };
  }
  throw new Error('expected a refusal');
}

describe('mandataire › rules › term (C. civ. 495-8)', () => {
  it('accepts a 24-month term, to the day', () => {
    expect(() => assertMajTerm('2025-03-10', '2027-03-10')).not.toThrow();
    expect(() => assertMajTerm('2025-03-10', '2025-03-11')).not.toThrow();
  });
  it('refuses a term one day past 24 months, and a 25-month term', () => {
    for (const endsOn of ['2027-03-11', '2027-04-10']) {
      const r = refusal(() => assertMajTerm('2025-03-10', endsOn));
      expect(r.code).toBe('MAJ_TERM_OUT_OF_RANGE');
      expect(r.message).toMatch(/C\. civ\. 495-8 : .*24 mois.* \/ C\. civ\. 495-8: .*24 months/);
      expect(r.extensions.field).toBe('endsOn');
      expect(r.extensions.rule).toBe('C. civ. 495-8');
    }
  });
  it('refuses a term that ends on or before its start', () => {
    expect(refusal(() => assertMajTerm('2025-03-10', '2025-03-10')).code).toBe('MAJ_TERM_OUT_OF_RANGE');
    expect(refusal(() => assertMajTerm('2025-03-10', '2025-01-10')).code).toBe('MAJ_TERM_OUT_OF_RANGE');
  });
  it('accepts 48 months in all and refuses 49 (and 48 months + 1 day)', () => {
    expect(() => assertMajTotal('2025-03-10', '2029-03-10')).not.toThrow();
    const r = refusal(() => assertMajTotal('2025-03-10', '2029-04-10'));
    expect(r.code).toBe('MAJ_TOTAL_EXCEEDED');
    expect(r.message).toMatch(/C\. civ\. 495-8 : .*48 mois.* \/ C\. civ\. 495-8: .*48 months/);
    expect(refusal(() => assertMajTotal('2025-03-10', '2029-03-11')).code).toBe('MAJ_TOTAL_EXCEEDED');
  });
  it('renews for 24 more months up to 48 in all, with a reason', () => {
    const m = { startsOn: '2025-03-10', endsOn: '2027-03-10' };
    expect(assertMajRenewal(m, '2029-03-10', '  Budget encore fragile, dettes en cours.  ')).toBe(
      'Budget encore fragile, dettes en cours.',
    );
    expect(refusal(() => assertMajRenewal(m, '2029-04-10', 'Budget encore fragile, dettes en cours.')).code).toBe(
      'MAJ_TERM_OUT_OF_RANGE',
    );
    const short = { startsOn: '2025-03-10', endsOn: '2026-03-10' }; // 12 months, renewed by 24: 36 in all
    expect(() => assertMajRenewal(short, '2028-03-10', 'Budget encore fragile, dettes en cours.')).not.toThrow();
    const second = { startsOn: '2025-03-10', endsOn: '2028-03-10' }; // already 36 months: 13 more make 49
    expect(refusal(() => assertMajRenewal(second, '2029-04-10', 'Budget encore fragile, dettes en cours.')).code).toBe(
      'MAJ_TOTAL_EXCEEDED',
    );
    expect(() => assertMajRenewal(second, '2029-03-10', 'Budget encore fragile, dettes en cours.')).not.toThrow();
  });
  it('refuses a renewal without reasons (décision spécialement motivée)', () => {
    const r = refusal(() => assertMajRenewal({ startsOn: '2025-03-10', endsOn: '2027-03-10' }, '2028-03-10', '   '));
    expect(r.code).toBe('MAJ_RENEWAL_REASON_REQUIRED');
    expect(r.message).toMatch(/495-8/);
    expect(r.extensions.rule).toBe('C. civ. 495-8');
  });
});

describe('mandataire › rules › benefits covered (C. civ. 495-4, D271-2)', () => {
  it('keeps core benefits in D271-2 order, without duplicates', () => {
    expect(assertBenefitsCovered([BenefitKind.RSA, BenefitKind.APL, BenefitKind.RSA], false)).toEqual([
      BenefitKind.APL,
      BenefitKind.RSA,
    ]);
  });
  it('refuses an extension benefit the judgment did not order, accepts it when ordered', () => {
    const r = refusal(() => assertBenefitsCovered([BenefitKind.AAH, BenefitKind.AF], false));
    expect(r.code).toBe('BENEFIT_EXTENSION_NOT_ORDERED');
    expect(r.extensions.benefits).toEqual([BenefitKind.AF]);
    expect(r.message).toMatch(/D271-2/);
    expect(r.extensions.rule).toBe('C. civ. 495-4, CASF D271-2');
    expect(assertBenefitsCovered([BenefitKind.AF, BenefitKind.AAH], true)).toEqual([BenefitKind.AAH, BenefitKind.AF]);
  });
  it('refuses an empty list', () => {
    expect(refusal(() => assertBenefitsCovered([], true)).code).toBe('BAD_USER_INPUT');
    // an input error is not a rule
    expect(refusal(() => assertBenefitsCovered([], true)).extensions.rule).toBeUndefined();
  });
  it('lets the MJPM receive only a covered benefit (C. civ. 495-7)', () => {
    expect(() => assertBenefitCovered(BenefitKind.AAH, [BenefitKind.AAH])).not.toThrow();
    expect(refusal(() => assertBenefitCovered(BenefitKind.RSA, [BenefitKind.AAH])).code).toBe('BENEFIT_NOT_COVERED');
    expect(refusal(() => assertBenefitCovered(BenefitKind.RSA, [BenefitKind.AAH])).extensions.rule).toBe(
      'C. civ. 495-7',
    );
  });
});

describe('mandataire › rules › incompatible protection measures (C. civ. 495-1)', () => {
  it.each(Object.values(MajProtectionKind))('refuses a MAJ while a %s is in force', (kind) => {
    const r = refusal(() =>
      assertNoIncompatibleProtection([{ kind, openedOn: '2024-01-01', endsOn: null }], '2025-03-10'),
    );
    expect(r.code).toBe('MAJ_INCOMPATIBLE_PROTECTION');
    expect(r.extensions.protectionKinds).toEqual([kind]);
    expect(r.message).toMatch(/495-1/);
    expect(r.extensions.rule).toBe('C. civ. 495-1');
  });
  it('ignores a measure that ended before the MAJ starts, not one ending on its first day', () => {
    const ended = { kind: MajProtectionKind.SAUVEGARDE_DE_JUSTICE, openedOn: '2024-01-01', endsOn: '2025-03-09' };
    expect(() => assertNoIncompatibleProtection([ended], '2025-03-10')).not.toThrow();
    expect(refusal(() => assertNoIncompatibleProtection([{ ...ended, endsOn: '2025-03-10' }], '2025-03-10')).code).toBe(
      'MAJ_INCOMPATIBLE_PROTECTION',
    );
  });
});

describe('mandataire › rules › account', () => {
  it('derives the direction from the kind', () => {
    expect(directionOf(K.BENEFIT)).toBe('RECEIPT');
    expect(directionOf(K.RENT_TO_LANDLORD)).toBe('PAYMENT');
  });
  it('pays down to exactly zero, and refuses one cent more (no negative balance)', () => {
    expect(nextBalance(10_000, K.RENT_TO_LANDLORD, 10_000)).toBe(0);
    const r = refusal(() => nextBalance(10_000, K.RENT_TO_LANDLORD, 10_001));
    expect(r.code).toBe('INSUFFICIENT_BALANCE');
    expect(r.extensions).toMatchObject({ balanceCents: 10_000, amountCents: 10_001 });
    expect(r.extensions.rule).toBe('C. civ. 495-7');
    expect(nextBalance(0, K.BENEFIT, 103_300)).toBe(103_300);
  });
  it('refuses amounts that are not whole positive cents', () => {
    for (const a of [0, -5, 10.5]) expect(refusal(() => nextBalance(100, K.BENEFIT, a)).code).toBe('BAD_USER_INPUT');
  });
  it('keeps operations within the MAJ, not in the future, not before the last one posted', () => {
    const bounds = {
      startsOn: '2025-01-10',
      endsOn: '2027-01-10',
      today: '2025-06-01',
      lastOperationDate: '2025-05-05',
    };
    expect(() => assertOperationDate('2025-05-05', bounds)).not.toThrow();
    expect(() => assertOperationDate('2025-06-01', bounds)).not.toThrow();
    for (const d of ['2025-05-04', '2025-06-02'])
      expect(refusal(() => assertOperationDate(d, bounds)).extensions.field).toBe('operationDate');
    expect(refusal(() => assertOperationDate('2025-01-09', { ...bounds, lastOperationDate: null })).code).toBe(
      'BAD_USER_INPUT',
    );
  });
  it('builds the compte de gestion: opening + receipts − payments = closing, by kind', () => {
    const lines = [
      { kind: K.BENEFIT, amountCents: 103_300, balanceAfterCents: 153_300 },
      { kind: K.RENT_TO_LANDLORD, amountCents: 52_000, balanceAfterCents: 101_300 },
      { kind: K.BENEFIT, amountCents: 28_000, balanceAfterCents: 129_300 },
      { kind: K.LIVING_ALLOWANCE, amountCents: 30_000, balanceAfterCents: 99_300 },
    ];
    expect(buildManagementAccount(50_000, lines)).toEqual({
      openingBalanceCents: 50_000,
      receipts: [{ kind: K.BENEFIT, count: 2, totalCents: 131_300 }],
      payments: [
        { kind: K.RENT_TO_LANDLORD, count: 1, totalCents: 52_000 },
        { kind: K.LIVING_ALLOWANCE, count: 1, totalCents: 30_000 },
      ],
      totalReceiptsCents: 131_300,
      totalPaymentsCents: 82_000,
      closingBalanceCents: 99_300,
    });
    expect(buildManagementAccount(7, [])).toMatchObject({
      openingBalanceCents: 7,
      closingBalanceCents: 7,
      receipts: [],
      payments: [],
    });
  });
  it('refuses to serve a ledger whose running balance does not add up', () => {
    const r = refusal(() => buildManagementAccount(0, [{ kind: K.BENEFIT, amountCents: 100, balanceAfterCents: 101 }]));
    expect(r.code).toBe('LEDGER_INCONSISTENT');
    expect(r.extensions.rule).toBe('C. civ. 495-9');
  });
});

describe('mandataire › rules › the MAJ from its notice (C. civ. 495-2, 495-8) and the rent (495-7)', () => {
  const notice = { noticeId: 'n', startsOn: '2026-01-10', endsOn: '2027-07-10', majId: null };
  it('refuses a MAJ without an open notice for the person and the service', () => {
    const r = refusal(() => assertMajFromNotice(undefined));
    expect(r.code).toBe('MAJ_WITHOUT_NOTICE');
    expect(r.extensions).toMatchObject({ rule: 'C. civ. 495-2, CASF L271-6', field: 'majNoticeId' });
    expect(() => assertMajFromNotice(notice)).not.toThrow();
  });
  it("keeps the judgment's dates, to the day", () => {
    expect(() => assertTermOfJudgment(notice, '2026-01-10', '2027-07-10')).not.toThrow();
    expect(refusal(() => assertTermOfJudgment(notice, '2026-01-10', '2027-07-11')).extensions).toMatchObject({
      code: 'MAJ_TERM_NOT_JUDGMENT',
      rule: 'C. civ. 495-8',
      field: 'endsOn',
    });
    expect(refusal(() => assertTermOfJudgment(notice, '2026-01-09', '2027-07-10')).extensions.field).toBe('startsOn');
  });
  it("pays rent only on a lease of the person's", () => {
    expect(() => assertLeaseOfPerson(true)).not.toThrow();
    expect(refusal(() => assertLeaseOfPerson(false)).extensions).toMatchObject({
      code: 'LEASE_NOT_OF_PERSON',
      rule: 'C. civ. 495-7',
    });
  });
});
