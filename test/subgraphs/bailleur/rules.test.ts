import {
  ARREARS_ALERT_MONTHS,
  arrearsAlert,
  combineArrears,
  consecutiveUnpaidMonths,
  summarizeArrears,
} from '../../../subgraphs/bailleur/rules/arrears.rule';
import {
  assertDirectPaymentWithinRent,
  assertPayerMatchesBasis,
  maxDirectPaymentCents,
  termInForce,
} from '../../../subgraphs/bailleur/rules/direct-payment.rule';
import { assertRentMonth } from '../../../subgraphs/bailleur/rules/month.rule';
import {
  assertReceivedAmount,
  MAX_RECEIVED_CENTS,
  rentPaymentStatus,
} from '../../../subgraphs/bailleur/rules/rent-payment.rule';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as any).extensions?.code, field: (e as any).extensions?.field, message: (e as Error).message };
  }
  return undefined;
};
/** The rule a refusal names (`extensions.rule`), or undefined when `fn` does not throw or names none. */
const ruleOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as any).extensions?.rule;
  }
  return undefined;
};

describe('bailleur › rules › arrears (CASF L271-5: two months)', () => {
  it('1 unpaid month → no alert', () => {
    expect(consecutiveUnpaidMonths(['2025-03'])).toBe(1);
    expect(arrearsAlert(['2025-03'])).toBe(false);
  });
  it('2 consecutive unpaid months → alert', () => {
    expect(ARREARS_ALERT_MONTHS).toBe(2);
    expect(consecutiveUnpaidMonths(['2025-04', '2025-03'])).toBe(2);
    expect(arrearsAlert(['2025-03', '2025-04'])).toBe(true);
  });
  it('2 non-consecutive unpaid months → no alert', () => {
    expect(consecutiveUnpaidMonths(['2025-01', '2025-03'])).toBe(1);
    expect(arrearsAlert(['2025-01', '2025-03'])).toBe(false);
  });
  it('counts across a year boundary and ignores duplicates', () => {
    expect(consecutiveUnpaidMonths(['2024-12', '2025-01', '2025-01'])).toBe(2);
    expect(consecutiveUnpaidMonths(['2024-11', '2024-12', '2025-01', '2025-05'])).toBe(3);
    expect(consecutiveUnpaidMonths([])).toBe(0);
  });
  it('unpaid months come from MISSING confirmations and declarations, minus months later confirmed in full', () => {
    const s = summarizeArrears(
      [
        { month: '2025-01', status: 'MISSING', expectedCents: 50000, receivedCents: 0 },
        { month: '2025-02', status: 'PARTIAL', expectedCents: 50000, receivedCents: 20000 },
        { month: '2025-03', status: 'CONFIRMED', expectedCents: 50000, receivedCents: 50000 },
      ],
      [],
    );
    expect(s).toEqual({ unpaidMonths: ['2025-01'], consecutiveUnpaidMonths: 1, amountDueCents: 80000, alert: false });
    const declared = summarizeArrears(
      [
        { month: '2025-03', status: 'CONFIRMED', expectedCents: 50000, receivedCents: 50000 },
        { month: '2025-04', status: 'MISSING', expectedCents: 50000, receivedCents: 0 },
      ],
      [
        { months: ['2024-12'], amountDueCents: 40000, declaredAt: '2025-01-05T00:00:00Z' },
        { months: ['2025-02', '2025-03'], amountDueCents: 90000, declaredAt: '2025-03-05T00:00:00Z' },
      ],
    );
    // 2025-03 was confirmed after all; the latest declaration (90000, up to 2025-03) plus April's shortfall.
    expect(declared).toEqual({
      unpaidMonths: ['2024-12', '2025-02', '2025-04'],
      consecutiveUnpaidMonths: 1,
      amountDueCents: 140000,
      alert: false,
    });
  });
  it('combines leases: months united, amounts added', () => {
    const a = { unpaidMonths: ['2025-01'], consecutiveUnpaidMonths: 1, amountDueCents: 100, alert: false };
    const b = { unpaidMonths: ['2025-02'], consecutiveUnpaidMonths: 1, amountDueCents: 200, alert: false };
    expect(combineArrears([a, b])).toEqual({
      unpaidMonths: ['2025-01', '2025-02'],
      consecutiveUnpaidMonths: 2,
      amountDueCents: 300,
      alert: true,
    });
  });
});

describe('bailleur › rules › direct payment (CASF L271-5: ≤ rent + charges)', () => {
  const history = [
    { effectiveFrom: '2022-01-01', rentCents: 40000, chargesCents: 10000 },
    { effectiveFrom: '2023-01-01', rentCents: 41000, chargesCents: 10000 },
    { effectiveFrom: '2024-01-01', rentCents: 42000, chargesCents: 9000 },
  ];
  it('finds the rent in force on a day', () => {
    expect(termInForce(history, '2021-12-31')).toBeUndefined();
    expect(termInForce(history, '2023-01-01')?.rentCents).toBe(41000);
    expect(termInForce(history, '2023-12-31')?.rentCents).toBe(41000);
  });
  it('the ceiling is the lowest rent + charges in force over the order period', () => {
    expect(maxDirectPaymentCents(history, '2023-06-01', '2023-12-31', 0)).toBe(51000);
    expect(maxDirectPaymentCents(history, '2022-06-01', null, 0)).toBe(50000);
    expect(maxDirectPaymentCents([], '2022-06-01', null, 55500)).toBe(55500);
  });
  it('accepts exactly rent + charges, refuses one cent more with a code naming L271-5', () => {
    expect(codeOf(() => assertDirectPaymentWithinRent(51000, 51000))).toBeUndefined();
    const refused = codeOf(() => assertDirectPaymentWithinRent(51001, 51000));
    expect(refused?.code).toBe('DIRECT_PAYMENT_EXCEEDS_RENT_L271_5');
    expect(refused?.message).toMatch(/CASF L271-5/);
    expect(ruleOf(() => assertDirectPaymentWithinRent(51001, 51000))).toBe('CASF L271-5');
    expect(ruleOf(() => assertDirectPaymentWithinRent(0, 51000))).toBeUndefined(); // an input error is not a rule
    expect(codeOf(() => assertDirectPaymentWithinRent(0, 51000))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'monthlyAmountCents',
    });
  });
  it('each basis has its payers', () => {
    expect(codeOf(() => assertPayerMatchesBasis('MASP2_DELEGATION', 'ASSOCIATION'))).toBeUndefined();
    expect(codeOf(() => assertPayerMatchesBasis('MASP3_JUDGMENT', 'ORGANISME_PAYEUR'))).toBeUndefined();
    expect(codeOf(() => assertPayerMatchesBasis('MAJ_MANDATE', 'MANDATAIRE'))).toBeUndefined();
    expect(codeOf(() => assertPayerMatchesBasis('MAJ_MANDATE', 'ASSOCIATION'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'payerKind',
    });
  });
});

describe('bailleur › rules › confirmations and months', () => {
  it('status: 0 → MISSING, below expected → PARTIAL, expected or more → CONFIRMED', () => {
    expect(rentPaymentStatus(50000, 0)).toBe('MISSING');
    expect(rentPaymentStatus(50000, 1)).toBe('PARTIAL');
    expect(rentPaymentStatus(50000, 49999)).toBe('PARTIAL');
    expect(rentPaymentStatus(50000, 50000)).toBe('CONFIRMED');
    expect(rentPaymentStatus(50000, 50001)).toBe('CONFIRMED');
  });
  it('refuses a negative, fractional or absurd amount (3× expected, absolute cap)', () => {
    expect(codeOf(() => assertReceivedAmount(50000, 150000))).toBeUndefined();
    expect(codeOf(() => assertReceivedAmount(50000, 150001))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amountReceivedCents',
    });
    expect(codeOf(() => assertReceivedAmount(50000, -1))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amountReceivedCents',
    });
    expect(codeOf(() => assertReceivedAmount(50000, 10.5))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(codeOf(() => assertReceivedAmount(900000, MAX_RECEIVED_CENTS + 1))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
  it('months: well formed, not to come', () => {
    expect(assertRentMonth('2025-12', 'month', '2025-12-01')).toBe('2025-12');
    expect(codeOf(() => assertRentMonth('2026-01', 'month', '2025-12-31'))).toMatchObject({
      code: 'MONTH_IN_FUTURE',
      field: 'month',
    });
    expect(ruleOf(() => assertRentMonth('2026-01', 'month', '2025-12-31'))).toBe('pratique départementale');
    for (const bad of ['2025-13', '2025-1', '25-01', '2025-00', '2025-01-01', ''])
      expect(codeOf(() => assertRentMonth(bad, 'month'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });
});
