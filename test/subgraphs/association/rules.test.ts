import { BenefitKind } from '../../../schema/benefits';
import {
  BudgetLine,
  BudgetLineKind,
  checkBudgetPlanL2712,
  rentFirstMinimumL2712,
} from '../../../subgraphs/association/rules/budget-plan.rule';
import {
  checkOperationL2712,
  LedgerState,
  OperationKind,
} from '../../../subgraphs/association/rules/ledger-operation.rule';
import { checkBenefitManagedL2712 } from '../../../subgraphs/association/rules/managed-benefits.rule';

const R = BudgetLineKind.RESOURCE;
const line = (kind: BudgetLineKind, amountCents: number, benefitKind?: BenefitKind): BudgetLine => ({
  kind,
  label: kind,
  amountCents,
  benefitKind,
});

describe('association › rules › managed benefits (CASF L271-2)', () => {
  it('accepts a benefit the contract manages', () => {
    expect(checkBenefitManagedL2712(BenefitKind.RSA, [BenefitKind.RSA, BenefitKind.APL])).toBeNull();
  });
  it('refuses one it does not manage, naming L271-2', () => {
    const v = checkBenefitManagedL2712(BenefitKind.AAH, [BenefitKind.RSA]);
    expect(v?.code).toBe('BENEFIT_NOT_MANAGED');
    expect(v?.message).toMatch(/CASF L271-2/);
    expect(v?.extra).toEqual({ benefitKind: 'AAH', managedBenefits: ['RSA'] });
    expect(v?.rule).toBe('CASF L271-2');
  });
});

describe('association › rules › budget plan (CASF L271-2)', () => {
  const rentDue = 50000;
  it('accepts a plan with rent covered, earmarks on purpose and a reste à vivre', () => {
    const { violation, totals } = checkBudgetPlanL2712(rentDue, [
      line(R, 60000, BenefitKind.RSA),
      line(R, 20000, BenefitKind.APL),
      line(R, 25000, BenefitKind.APA),
      line(BudgetLineKind.RENT_AND_CHARGES, 50000),
      line(BudgetLineKind.CARE, 25000),
      line(BudgetLineKind.OTHER_CHARGE, 10000),
    ]);
    expect(violation).toBeNull();
    expect(totals).toEqual({
      resourcesCents: 105000,
      earmarkedHousingCents: 20000,
      earmarkedCareCents: 25000,
      rentAndChargesCents: 50000,
      careCents: 25000,
      otherChargesCents: 10000,
      resteAVivreCents: 20000,
    });
  });
  it('refuses other charges when rent is one cent short (RENT_NOT_COVERED_FIRST)', () => {
    const { violation } = checkBudgetPlanL2712(rentDue, [
      line(R, 80000, BenefitKind.RSA),
      line(BudgetLineKind.RENT_AND_CHARGES, 49999),
      line(BudgetLineKind.OTHER_CHARGE, 10000),
    ]);
    expect(violation?.code).toBe('RENT_NOT_COVERED_FIRST');
    expect(violation?.message).toMatch(/CASF L271-2/);
    expect(violation?.extra).toEqual({ rentDueCents: 50000, requiredCents: 50000, plannedCents: 49999 });
  });
  it('refuses leaving a reste à vivre while rent is short, even with no other charge', () => {
    expect(
      checkBudgetPlanL2712(rentDue, [line(R, 80000), line(BudgetLineKind.RENT_AND_CHARGES, 40000)]).violation?.code,
    ).toBe('RENT_NOT_COVERED_FIRST');
  });
  it('when resources fall short of the rent, requires every resource usable for rent to go to rent — no more', () => {
    expect(rentFirstMinimumL2712(50000, { resourcesCents: 45000, earmarkedCareCents: 10000 })).toBe(35000);
    const lines = [line(R, 35000, BenefitKind.RSA), line(R, 10000, BenefitKind.PCH), line(BudgetLineKind.CARE, 10000)];
    expect(
      checkBudgetPlanL2712(rentDue, [...lines, line(BudgetLineKind.RENT_AND_CHARGES, 35000)]).violation,
    ).toBeNull();
    expect(
      checkBudgetPlanL2712(rentDue, [...lines, line(BudgetLineKind.RENT_AND_CHARGES, 34999)]).violation?.code,
    ).toBe('RENT_NOT_COVERED_FIRST');
  });
  it('refuses a housing aid that does not all go to rent (EARMARKED_BENEFIT_MISUSED)', () => {
    // rent due 10 000, housing aid 12 000: the whole aid is for housing, not 10 000 of it.
    const { violation } = checkBudgetPlanL2712(10000, [
      line(R, 50000, BenefitKind.RSA),
      line(R, 12000, BenefitKind.APL),
      line(BudgetLineKind.RENT_AND_CHARGES, 11999),
    ]);
    expect(violation?.code).toBe('EARMARKED_BENEFIT_MISUSED');
    expect(violation?.extra).toEqual({ purpose: 'HOUSING', earmarkedCents: 12000, spentOnPurposeCents: 11999 });
    // the housing aids' own code, not L271-2; French amounts with a comma and non-breaking spaces
    expect(violation?.rule).toBe('CCH L821-1');
    expect(violation?.message).toBe(
      'CCH L821-1 : les prestations affectées sont utilisées pour leur objet ; les aides au logement (APL, ALS, ALF) ' +
        '(120,00\u00a0€) vont au loyer et aux charges, 119,99\u00a0€ seulement y sont consacrés. / CCH L821-1: ' +
        'earmarked benefits are spent on their purpose; housing aids (APL, ALS, ALF) go to rent and charges (€120.00), ' +
        'only €119.99 does.',
    );
    expect(
      checkBudgetPlanL2712(10000, [
        line(R, 50000, BenefitKind.RSA),
        line(R, 12000, BenefitKind.APL),
        line(BudgetLineKind.RENT_AND_CHARGES, 12000),
      ]).violation,
    ).toBeNull();
  });
  it('refuses APA, ACTP or PCH not spent on care', () => {
    for (const kind of [BenefitKind.APA, BenefitKind.ACTP, BenefitKind.PCH, BenefitKind.PCH_III]) {
      const { violation } = checkBudgetPlanL2712(rentDue, [
        line(R, 60000),
        line(R, 30000, kind),
        line(BudgetLineKind.RENT_AND_CHARGES, 50000),
        line(BudgetLineKind.CARE, 29999),
      ]);
      expect(violation?.code).toBe('EARMARKED_BENEFIT_MISUSED');
      expect(violation?.extra?.purpose).toBe('CARE');
      // the APA's and the PCH's own articles (CASF L232-3, L245-3), not L271-2
      expect(violation?.rule).toBe('CASF L232-3, L245-3');
    }
  });
  it('refuses expenses above the resources, and accepts exactly the resources', () => {
    expect(
      checkBudgetPlanL2712(rentDue, [
        line(R, 60000),
        line(BudgetLineKind.RENT_AND_CHARGES, 50000),
        line(BudgetLineKind.OTHER_CHARGE, 10001),
      ]).violation?.code,
    ).toBe('BUDGET_EXCEEDS_RESOURCES');
    expect(
      checkBudgetPlanL2712(rentDue, [
        line(R, 60000),
        line(BudgetLineKind.RENT_AND_CHARGES, 50000),
        line(BudgetLineKind.OTHER_CHARGE, 10001),
      ]).violation?.rule,
    ).toBe('CASF L271-2');
    const { violation, totals } = checkBudgetPlanL2712(rentDue, [
      line(R, 60000),
      line(BudgetLineKind.RENT_AND_CHARGES, 50000),
      line(BudgetLineKind.OTHER_CHARGE, 10000),
    ]);
    expect(violation).toBeNull();
    expect(totals.resteAVivreCents).toBe(0);
  });
});

describe('association › rules › ledger operation (CASF L271-2)', () => {
  const state = (over: Partial<LedgerState> = {}, month: Partial<LedgerState['month']> = {}): LedgerState => ({
    balanceCents: 100000,
    overdraftLimitCents: 0,
    rentDueCents: 50000,
    managedBenefits: [BenefitKind.RSA, BenefitKind.APL, BenefitKind.APA],
    month: { housingReceivedCents: 0, careReceivedCents: 0, rentPaidCents: 50000, carePaidCents: 0, ...month },
    ...over,
  });
  const op = (kind: OperationKind, amountCents: number, benefitKind?: BenefitKind) => ({
    kind,
    amountCents,
    benefitKind,
  });

  it('accepts a receipt of a managed benefit and refuses one not managed', () => {
    expect(checkOperationL2712(state(), op(OperationKind.RECEIPT, 1000, BenefitKind.RSA))).toBeNull();
    expect(checkOperationL2712(state(), op(OperationKind.RECEIPT, 1000, BenefitKind.AAH))?.code).toBe(
      'BENEFIT_NOT_MANAGED',
    );
  });
  it('pays down to exactly zero, refuses one cent more without an overdraft (INSUFFICIENT_BALANCE)', () => {
    expect(checkOperationL2712(state(), op(OperationKind.TRANSFER_TO_PERSON, 100000))).toBeNull();
    const v = checkOperationL2712(state(), op(OperationKind.TRANSFER_TO_PERSON, 100001));
    expect(v?.code).toBe('INSUFFICIENT_BALANCE');
    expect(v?.extra).toEqual({ balanceCents: 100000, overdraftLimitCents: 0, amountCents: 100001 });
    // No article forbids an overdraft the département authorises: the rule is its practice.
    expect(v?.rule).toBe('pratique départementale');
  });
  it('goes below zero down to the authorised overdraft limit, not one cent further', () => {
    expect(
      checkOperationL2712(state({ overdraftLimitCents: 20000 }), op(OperationKind.OTHER_PAYMENT, 120000)),
    ).toBeNull();
    expect(
      checkOperationL2712(state({ overdraftLimitCents: 20000 }), op(OperationKind.OTHER_PAYMENT, 120001))?.code,
    ).toBe('INSUFFICIENT_BALANCE');
  });
  it('refuses a transfer or another payment while the month’s rent is one cent short (RENT_NOT_COVERED_FIRST)', () => {
    for (const kind of [OperationKind.TRANSFER_TO_PERSON, OperationKind.OTHER_PAYMENT]) {
      const v = checkOperationL2712(state({}, { rentPaidCents: 49999 }), op(kind, 100));
      expect(v?.code).toBe('RENT_NOT_COVERED_FIRST');
      expect(v?.extra).toEqual({ rentDueCents: 50000, rentPaidCents: 49999 });
      expect(v?.rule).toBe('CASF L271-2');
      expect(checkOperationL2712(state({}, { rentPaidCents: 50000 }), op(kind, 100))).toBeNull();
    }
  });
  it('lets rent itself be paid first, and care paid from care benefits before rent, but not beyond them', () => {
    expect(checkOperationL2712(state({}, { rentPaidCents: 0 }), op(OperationKind.RENT_PAYMENT, 50000))).toBeNull();
    expect(
      checkOperationL2712(
        state({}, { rentPaidCents: 0, careReceivedCents: 20000 }),
        op(OperationKind.CARE_PAYMENT, 20000),
      ),
    ).toBeNull();
    expect(
      checkOperationL2712(
        state({}, { rentPaidCents: 0, careReceivedCents: 20000 }),
        op(OperationKind.CARE_PAYMENT, 20001),
      )?.code,
    ).toBe('RENT_NOT_COVERED_FIRST');
  });
  it('refuses a payment that would spend an unspent housing aid elsewhere (EARMARKED_BENEFIT_MISUSED)', () => {
    // balance 100 000 holds 30 000 of APL received this month and not yet paid as rent (rent due 0 here, e.g. paid by
    // the CAF).
    const s = state({ rentDueCents: 0 }, { rentPaidCents: 0, housingReceivedCents: 30000 });
    expect(checkOperationL2712(s, op(OperationKind.TRANSFER_TO_PERSON, 70000))).toBeNull();
    const v = checkOperationL2712(s, op(OperationKind.TRANSFER_TO_PERSON, 70001));
    expect(v?.code).toBe('EARMARKED_BENEFIT_MISUSED');
    expect(v?.extra?.purpose).toBe('HOUSING');
    expect(checkOperationL2712(s, op(OperationKind.RENT_PAYMENT, 100000))).toBeNull();
  });
  it('refuses rent paid out of unspent care benefits', () => {
    const s = state({ balanceCents: 60000 }, { rentPaidCents: 0, careReceivedCents: 20000 });
    expect(checkOperationL2712(s, op(OperationKind.RENT_PAYMENT, 40000))).toBeNull();
    const v = checkOperationL2712(s, op(OperationKind.RENT_PAYMENT, 40001));
    expect(v?.code).toBe('EARMARKED_BENEFIT_MISUSED');
    expect(v?.extra?.purpose).toBe('CARE');
  });
});
