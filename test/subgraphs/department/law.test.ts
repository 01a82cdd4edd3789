import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { GraphQLError } from 'graphql';
import type { PartnerEvent, PartnerEvents } from '../../../schema/events';
import { OrgKind, Role } from '../../../schema/policy';
import { BenefitKind } from '../../../schema/benefits';
import {
  assertBenefitsAuthorisation,
  assertRenewalEnteredInTime,
  assertTotalDuration,
} from '../../../subgraphs/department/rules/contract.rule';
import { assertNotInFuture } from '../../../subgraphs/department/rules/decision-date.rule';
import { assertEligibilityCheckValid } from '../../../subgraphs/department/rules/eligibility.rule';
import {
  assertParameterValue,
  assertTermBoundsConsistent,
  CapReading,
  capReadingOf,
  PARAMETER_KEYS,
  PARAMETER_RANGES,
  parameterInForce,
} from '../../../subgraphs/department/rules/parameter.rule';
import {
  resteAVivreFloorCents,
  resteAVivreWarning,
  rsaHouseholdFactorPerMille,
} from '../../../subgraphs/department/rules/direct-payment.rule';
import { handleMajRecorded, majEndsMaspOn } from '../../../subgraphs/department/events/maj.handlers';
import { handleArrearsReached, handleLeaseRecorded } from '../../../subgraphs/department/events/lease.handlers';
import { addDays, addMonths, monthOf, shiftMonth, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { DEMO_ORGS, demoConventionRef } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import { personReferredToJudge } from '../../helpers/maj-referral';
import { holdDeliveriesInEachTest, holdingDeliveries } from '../../helpers/outbox';
import { olderParameterRowsSql, sql } from '../../helpers/sql';
import { apply, enqueued, eventOf, holdDeliveries } from '../mandataire/facts';

/**
 * Issue 18, the rules that were wrong or not enforced: each rule on its boundaries (no database), then each refusal
 * through the gateway with nothing written, and the MAJ that ends a running MASP end to end.
 */
const refusal = (fn: () => void): GraphQLError => {
  try {
    fn();
  } catch (e) {
    return e as GraphQLError;
  }
  throw new Error('expected a refusal');
};
const TODAY = todayIso();

describe('department › parameters narrow the statute, never widen it', () => {
  it('refuses a term bound or cap beyond CASF L271-2, naming the article; accepts each boundary', () => {
    for (const [key, ok, bad] of [
      ['CONTRACT_MIN_MONTHS', 6, 5],
      ['CONTRACT_MIN_MONTHS', 24, 25],
      ['CONTRACT_MAX_MONTHS', 24, 25],
      ['CONTRACT_MAX_MONTHS', 6, 5],
      ['TOTAL_MAX_MONTHS', 48, 49],
    ] as const) {
      expect(() => assertParameterValue(key, ok)).not.toThrow();
      expect(refusal(() => assertParameterValue(key, bad)).extensions).toMatchObject({
        code: 'PARAMETER_WIDENS_STATUTE',
        rule: 'CASF L271-2',
        key,
        value: bad,
      });
    }
    expect(refusal(() => assertParameterValue('CONTRACT_MIN_MONTHS', 3)).message).toContain(
      'CASF L271-2 : un paramètre départemental restreint la loi, sans l',
    );
    expect(refusal(() => assertParameterValue('RSA_BASE_CENTS', 0)).extensions).toMatchObject({
      code: 'PARAMETER_WIDENS_STATUTE',
      rule: 'CASF L262-2, R262-1',
    });
  });

  it("keeps the département's own parameters within their range (pratique départementale)", () => {
    for (const [key, ok, bad] of [
      ['ELIGIBILITY_VALIDITY_MONTHS', 12, 13],
      ['ELIGIBILITY_VALIDITY_MONTHS', 1, 0],
      ['RENEWAL_GRACE_DAYS', 15, 16],
      ['RENEWAL_GRACE_DAYS', 0, -1],
      ['MASP_CAP_READING', 2, 3],
      // a small cell (L271-7 statistics) is always suppressed: the threshold never drops below 5
      ['STATS_SMALL_CELL', 5, 4],
      ['RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS', 24, 25],
      // a délégataire keeps reading its file after the delegation only to hand back the final bilan
      ['DELEGATION_CLOSING_WINDOW_MONTHS', 6, 7],
      ['DELEGATION_CLOSING_WINDOW_MONTHS', 0, -1],
    ] as const) {
      expect(() => assertParameterValue(key, ok)).not.toThrow();
      expect(refusal(() => assertParameterValue(key, bad)).extensions).toMatchObject({
        code: 'PARAMETER_OUT_OF_RANGE',
        rule: 'pratique départementale',
      });
    }
    expect(refusal(() => assertTermBoundsConsistent(12, 6)).extensions).toMatchObject({
      code: 'PARAMETER_OUT_OF_RANGE',
      rule: 'CASF L271-2',
    });
    expect(() => assertTermBoundsConsistent(6, 6)).not.toThrow();
    // keeping a closed file's data longer than 5 years after the last contact is not « the time necessary »
    expect(() => assertParameterValue('RETENTION_AFTER_LAST_CONTACT_MONTHS', 60)).not.toThrow();
    expect(refusal(() => assertParameterValue('RETENTION_AFTER_LAST_CONTACT_MONTHS', 61)).extensions).toMatchObject({
      code: 'PARAMETER_WIDENS_STATUTE',
      rule: 'RGPD art. 5.1.e',
    });
  });

  it('reads a stored value that widens the statute as the statute (never an unexpected error)', () => {
    expect(parameterInForce('CONTRACT_MIN_MONTHS', 3)).toEqual({ value: 6, fellBack: true });
    expect(parameterInForce('CONTRACT_MAX_MONTHS', 36)).toEqual({ value: 24, fellBack: true });
    expect(parameterInForce('TOTAL_MAX_MONTHS', 60)).toEqual({ value: 48, fellBack: true });
    expect(parameterInForce('CONTRACT_MAX_MONTHS', 12)).toEqual({ value: 12, fellBack: false });
    expect(parameterInForce('ELIGIBILITY_VALIDITY_MONTHS', undefined)).toEqual({ value: 6, fellBack: true });
    expect(capReadingOf(undefined)).toBe(CapReading.PER_MEASURE);
    expect(capReadingOf(2)).toBe(CapReading.PER_PERSON);
    expect(capReadingOf(7)).toBe(CapReading.PER_MEASURE);
  });
});

describe('department › dated checks and decisions', () => {
  it('refuses a decision dated after today, naming the procedure’s article', () => {
    expect(() => assertNotInFuture('judgmentOn', '2026-12-05', '2026-12-05', 'DIRECT_PAYMENT')).not.toThrow();
    expect(refusal(() => assertNotInFuture('judgmentOn', '2026-12-06', '2026-12-05', 'DIRECT_PAYMENT'))).toMatchObject({
      message: expect.stringContaining('CASF L271-5 : « judgmentOn » (2026-12-06) est postérieur'),
      extensions: { code: 'DECISION_DATED_IN_FUTURE', rule: 'CASF L271-5', field: 'judgmentOn' },
    });
  });

  it('an eligibility check is valid ELIGIBILITY_VALIDITY_MONTHS from its date, the oldest day included', () => {
    expect(() => assertEligibilityCheckValid('2026-05-05', '2026-11-05', 6)).not.toThrow();
    expect(refusal(() => assertEligibilityCheckValid('2026-05-04', '2026-11-05', 6))).toMatchObject({
      message: expect.stringContaining('Paramètre départemental ELIGIBILITY_VALIDITY_MONTHS (CASF L271-1) :'),
      extensions: { code: 'ELIGIBILITY_CHECK_EXPIRED', rule: 'pratique départementale', oldestValidOn: '2026-05-05' },
    });
  });

  it('a renewal is entered before the term; a département grace extends it by its days only', () => {
    expect(() => assertRenewalEnteredInTime('2026-05-31', '2026-06-01')).not.toThrow();
    expect(refusal(() => assertRenewalEnteredInTime('2026-06-01', '2026-06-01')).extensions).toMatchObject({
      code: 'RENEWAL_ENTERED_LATE',
      rule: 'CASF L271-2',
    });
    expect(() => assertRenewalEnteredInTime('2026-06-03', '2026-06-01', 3)).not.toThrow();
    expect(refusal(() => assertRenewalEnteredInTime('2026-06-04', '2026-06-01', 3)).extensions).toMatchObject({
      code: 'RENEWAL_ENTERED_LATE',
      rule: 'pratique départementale',
      lastDay: '2026-06-03',
    });
  });
});

describe('department › the written authorisation to manage benefits (CASF L271-2)', () => {
  const RSA = 'RSA' as BenefitKind;
  const AAH = 'AAH' as BenefitKind;
  it('needs one signed on or before the avenant, naming every managed benefit', () => {
    expect(refusal(() => assertBenefitsAuthorisation([RSA], null, '2026-12-01')).extensions).toMatchObject({
      code: 'BENEFITS_AUTHORISATION_REQUIRED',
      rule: 'CASF L271-2',
    });
    expect(
      refusal(() => assertBenefitsAuthorisation([RSA], { signedOn: '2026-12-02', benefits: [RSA] }, '2026-12-01'))
        .extensions.code,
    ).toBe('BENEFITS_AUTHORISATION_REQUIRED');
    expect(() =>
      assertBenefitsAuthorisation([RSA], { signedOn: '2026-12-01', benefits: [RSA, AAH] }, '2026-12-01'),
    ).not.toThrow();
    expect(
      refusal(() => assertBenefitsAuthorisation([RSA, AAH], { signedOn: '2026-12-01', benefits: [RSA] }, '2026-12-01'))
        .extensions,
    ).toMatchObject({ code: 'BENEFIT_NOT_AUTHORISED', benefits: ['AAH'] });
  });
});

describe('department › the 48-month cap and its reading (CASF L271-2)', () => {
  it('says which reading applied', () => {
    expect(() => assertTotalDuration(24, 24, 48, CapReading.PER_PERSON)).not.toThrow();
    expect(refusal(() => assertTotalDuration(30, 24, 48, CapReading.PER_MEASURE)).message).toContain(
      'lecture appliquée : par mesure, « durée totale de la mesure »',
    );
    expect(refusal(() => assertTotalDuration(25, 24, 48, CapReading.PER_PERSON))).toMatchObject({
      message: expect.stringContaining('reading applied: per person'),
      extensions: { reading: 'PER_PERSON', usedMonths: 25, addedMonths: 24, capMonths: 48 },
    });
  });
});

describe('department › the reste-à-vivre follows the RSA of the household (CASF L271-5, R262-1)', () => {
  it('weighs the household as R262-1 does', () => {
    expect(rsaHouseholdFactorPerMille(1, 0)).toBe(1000);
    expect(rsaHouseholdFactorPerMille(2, 0)).toBe(1500);
    expect(rsaHouseholdFactorPerMille(1, 1)).toBe(1500);
    expect(rsaHouseholdFactorPerMille(1, 2)).toBe(1800);
    expect(rsaHouseholdFactorPerMille(1, 3)).toBe(2200);
    expect(rsaHouseholdFactorPerMille(2, 2)).toBe(2100);
    expect(rsaHouseholdFactorPerMille(2, 3)).toBe(2500);
  });
  it('floors at the RSA of the household, a département floor only raising it', () => {
    expect(resteAVivreFloorCents(64652, { householdType: 'SINGLE', dependants: 0 }, 40000)).toBe(64652);
    expect(resteAVivreFloorCents(64652, { householdType: 'COUPLE_WITH_CHILDREN', dependants: 2 })).toBe(135769);
    expect(resteAVivreFloorCents(64652, { householdType: 'SINGLE', dependants: 0 }, 70000)).toBe(70000);
  });
  it('warns below the floor, never at it', () => {
    expect(resteAVivreWarning(119652, 55000, 64652)).toEqual({
      floorCents: 64652,
      resteAVivreCents: 64652,
      belowFloor: false,
      warning: null,
    });
    const below = resteAVivreWarning(119651, 55000, 64652);
    expect(below.belowFloor).toBe(true);
    expect(below.warning).toContain('CASF L271-5 : après versement du loyer et des charges, le reste à vivre');
    expect(below.warning).toContain('646,51\u00a0€');
  });
});

describe('department › a MAJ ends the MASP on its first day (C. civ. 495-1)', () => {
  it('within the contract: after its first day, at the latest at its term', () => {
    const m = { startsOn: '2026-01-01', endsOn: '2026-07-01' };
    expect(majEndsMaspOn(m, '2026-03-10')).toBe('2026-03-10');
    expect(majEndsMaspOn(m, '2026-01-01')).toBe('2026-01-02');
    expect(majEndsMaspOn(m, '2026-08-01')).toBe('2026-07-01');
  });
});

// ─── Through the gateway ─────────────────────────────────────────────────────────────────────────────────────────

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await holdDeliveries(hub);
});
afterAll(async () => {
  await hub?.stop();
});
holdDeliveriesInEachTest('department', 'mandataire');

const worker = {
  sub: 'ts-law-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const encadrant = {
  sub: 'enc-law',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { body } = await hub.query(await hub.token(claims), query, variables);
  return body;
}
const ds = () => hub.subgraphs.department.dataSource;

/** The refusal's extensions and message; fails if the answer carries data for the mutation. */
async function refused(query: string, variables: Record<string, unknown>, caller: Record<string, unknown> = worker) {
  const body = await as(caller, query, variables);
  expect(body.errors).toHaveLength(1);
  const [key] = Object.keys(body.data ?? {});
  if (key) expect(body.data[key]).toBeNull();
  return { ...body.errors[0].extensions, message: body.errors[0].message as string };
}

const REFER = `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`;
const BENEFIT = `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`;
const CHECK = `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { id eligible } }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { id level status endsOn cumulativeMonths } }`;
const AVENANT = `mutation($input: SignAvenantInput!) { signAvenant(input: $input) { id level managedBenefits avenants { toLevel authorisationSignedOn authorisedBenefits } } }`;
const RENEW = `mutation($input: RenewContractInput!) { renewContract(input: $input) { id endsOn cumulativeMonths } }`;
const EVALUATE = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { id } }`;
const SET_PARAMETER = `mutation($input: SetDepartmentParameterInput!) { setDepartmentParameter(input: $input) { key validFrom value } }`;

async function person(lastName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const body = await as(worker, REFER, {
    input: {
      lastName,
      firstName: 'Loi',
      birthDate: '1980-04-04',
      address: '1 rue de la Loi, 45000 Orléans',
      territory: 'TEST-LAW',
      referredOn: addMonths(TODAY, -30),
      dependants: 0,
      ...extra,
    },
  });
  expect(body.errors).toBeUndefined();
  const id = body.data.referBeneficiary.id as string;
  await as(worker, BENEFIT, {
    input: {
      beneficiaryId: id,
      kind: 'RSA',
      monthlyAmountCents: 60000,
      payingBody: 'CAF du Loiret',
      startsOn: '2015-01-01',
    },
  });
  return id;
}
async function check(id: string, checkedOn: string) {
  const body = await as(worker, CHECK, {
    input: { beneficiaryId: id, checkedOn, threatToHealthOrSafety: 'Impayés de loyer.', capacityToConsent: true },
  });
  expect(body.data.checkEligibility).toMatchObject({ eligible: true });
}
const contract = (beneficiaryId: string, startsOn: string, months: number, extra: Record<string, unknown> = {}) => ({
  input: {
    beneficiaryId,
    level: 'MASP_1',
    startsOn,
    months,
    objectives: 'Stabiliser le budget.',
    engagements: 'Rendez-vous mensuels.',
    consent: true,
    signedOn: startsOn,
    ...extra,
  },
});
const count = async (table: string, beneficiaryId: string) =>
  Number(
    (
      await sql<{ n: string }>(`SELECT count(*) AS n FROM department.${table} WHERE beneficiary_id = $1`, [
        beneficiaryId,
      ])
    )[0].n,
  );

describe('department › the law through the gateway: each refusal writes nothing', () => {
  it('refuses a parameter that widens the statute; an older one stored reads as the statute', async () => {
    const three = await refused(
      SET_PARAMETER,
      {
        input: { key: 'CONTRACT_MIN_MONTHS', validFrom: '2094-01-01', value: 3, source: 'Pratique « 3 à 6 mois »' },
      },
      encadrant,
    );
    expect(three).toMatchObject({ code: 'PARAMETER_WIDENS_STATUTE', rule: 'CASF L271-2', key: 'CONTRACT_MIN_MONTHS' });
    const wide = await refused(
      SET_PARAMETER,
      {
        input: { key: 'CONTRACT_MAX_MONTHS', validFrom: '2094-01-01', value: 36, source: 's' },
      },
      encadrant,
    );
    expect(wide.code).toBe('PARAMETER_WIDENS_STATUTE');
    // a minimum above the maximum in force would leave no term at all
    const narrowed = await as(encadrant, SET_PARAMETER, {
      input: { key: 'CONTRACT_MAX_MONTHS', validFrom: '2094-01-01', value: 12, source: 'Délibération test' },
    });
    expect(narrowed.data.setDepartmentParameter).toEqual({
      key: 'CONTRACT_MAX_MONTHS',
      validFrom: '2094-01-01',
      value: '12',
    });
    const upsideDown = await refused(
      SET_PARAMETER,
      { input: { key: 'CONTRACT_MIN_MONTHS', validFrom: '2094-06-01', value: 13, source: 's' } },
      encadrant,
    );
    expect(upsideDown).toMatchObject({ code: 'PARAMETER_OUT_OF_RANGE', rule: 'CASF L271-2', minMonths: 13 });
    expect(await sql(`SELECT key, value FROM department.parameter WHERE valid_from >= '2094-01-01'`)).toEqual([
      { key: 'CONTRACT_MAX_MONTHS', value: '12' },
    ]);
    await sql(`DELETE FROM department.parameter WHERE valid_from >= '2094-01-01'`);
    // the database refuses it too, for any writer
    await expect(
      sql(
        `INSERT INTO department.parameter (key, valid_from, value, source) VALUES ('CONTRACT_MAX_MONTHS', '2094-01-01', 36, 's')`,
      ),
    ).rejects.toThrow(/parameter_within_statute/);

    // a row written before the rule (the demo hub had CONTRACT_MAX_MONTHS = 36): read as the statute's 24 months;
    // the constraint put back as the migrations left it
    await sql(
      olderParameterRowsSql(
        `('CONTRACT_MIN_MONTHS', '2095-01-01', 3, 'avant issue 18'), ('CONTRACT_MAX_MONTHS', '2095-01-01', 36, 'avant issue 18')`,
      ),
    );
    const id = await person('Parametre');
    await check(id, TODAY);
    const signedToday = (months: number) => ({
      input: { ...contract(id, '2095-02-01', months).input, signedOn: TODAY },
    });
    for (const months of [3, 30]) {
      const r = await refused(SIGN, signedToday(months));
      expect(r).toMatchObject({ code: 'CONTRACT_TERM_OUT_OF_RANGE', rule: 'CASF L271-2', minMonths: 6, maxMonths: 24 });
    }
    expect(await count('measure', id)).toBe(0);
    expect((await as(worker, SIGN, signedToday(24))).data.signContract).toMatchObject({ status: 'ACTIVE' });
    await sql(`DELETE FROM department.parameter WHERE valid_from >= '2095-01-01'`);
  });

  it('refuses an unknown parameter naming those it accepts, and a closing window beyond 6 months; writes nothing', async () => {
    const unknown = await refused(
      SET_PARAMETER,
      { input: { key: 'CLOSING_WINDOW', validFrom: '2096-01-01', value: 2, source: 's' } },
      encadrant,
    );
    expect(unknown).toMatchObject({ code: 'BAD_USER_INPUT', field: 'key' });
    for (const key of PARAMETER_KEYS) expect(unknown.message).toContain(key);
    const long = await refused(
      SET_PARAMETER,
      { input: { key: 'DELEGATION_CLOSING_WINDOW_MONTHS', validFrom: '2096-01-01', value: 12, source: 's' } },
      encadrant,
    );
    expect(long).toMatchObject({ code: 'PARAMETER_OUT_OF_RANGE', key: 'DELEGATION_CLOSING_WINDOW_MONTHS', max: 6 });
    expect(await sql(`SELECT key FROM department.parameter WHERE valid_from >= '2096-01-01'`)).toEqual([]);
  });

  it("the database refuses, for any writer, a value outside each key's range, and accepts both ends", async () => {
    const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    const accepted = async (key: string, value: number) => {
      await client.query('SAVEPOINT v');
      try {
        await client.query(
          `INSERT INTO department.parameter (key, valid_from, value, source) VALUES ($1, '2097-01-01', $2, 'test')`,
          [key, value],
        );
        return true;
      } catch (e) {
        expect((e as { constraint?: string }).constraint).toMatch(/^parameter_within_statute$|^parameter_value_check$/);
        return false;
      } finally {
        await client.query('ROLLBACK TO SAVEPOINT v');
      }
    };
    const seen: Record<string, boolean[]> = {};
    try {
      await client.query('BEGIN');
      for (const [key, r] of Object.entries(PARAMETER_RANGES)) {
        const unbounded = r.max === Number.MAX_SAFE_INTEGER;
        seen[key] = [
          await accepted(key, r.min - 1),
          await accepted(key, r.min),
          await accepted(key, unbounded ? r.min + 1 : r.max),
          unbounded ? false : await accepted(key, r.max + 1),
        ];
      }
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
    const expected = Object.fromEntries(Object.keys(PARAMETER_RANGES).map((k) => [k, [false, true, true, false]]));
    expect(seen).toEqual(expected);
  });

  it('refuses a contract on an expired eligibility check, and any decision dated after today', async () => {
    const id = await person('Perime');
    const tomorrow = addDays(TODAY, 1);
    expect(
      await refused(CHECK, {
        input: { beneficiaryId: id, checkedOn: tomorrow, threatToHealthOrSafety: 'x', capacityToConsent: true },
      }),
    ).toMatchObject({ code: 'DECISION_DATED_IN_FUTURE', rule: 'CASF L271-1', field: 'checkedOn' });
    expect(await count('eligibility_check', id)).toBe(0);

    await check(id, addDays(addMonths(TODAY, -6), -1));
    const expired = await refused(SIGN, contract(id, TODAY, 6));
    expect(expired).toMatchObject({ code: 'ELIGIBILITY_CHECK_EXPIRED', rule: 'pratique départementale' });
    expect(expired.message).toContain('Paramètre départemental ELIGIBILITY_VALIDITY_MONTHS (CASF L271-1)');
    expect(await count('measure', id)).toBe(0);

    await check(id, addMonths(TODAY, -6)); // the oldest valid day
    expect(await refused(SIGN, contract(id, tomorrow, 6))).toMatchObject({
      code: 'DECISION_DATED_IN_FUTURE',
      rule: 'CASF L271-2',
      field: 'signedOn',
    });
    expect(await count('measure', id)).toBe(0);
    expect((await as(worker, SIGN, contract(id, TODAY, 6))).data.signContract.status).toBe('ACTIVE');
  });

  it('moves to MASP 2 by avenant only with the written authorisation, recorded with it', async () => {
    const id = await person('Autorisation');
    await check(id, TODAY);
    const measureId = (await as(worker, SIGN, contract(id, addDays(TODAY, -5), 6))).data.signContract.id;
    const input = { measureId, signedOn: TODAY, toLevel: 'MASP_2', managedBenefits: ['RSA'] };
    expect(await refused(AVENANT, { input })).toMatchObject({
      code: 'BENEFITS_AUTHORISATION_REQUIRED',
      rule: 'CASF L271-2',
    });
    expect(
      await refused(AVENANT, { input: { ...input, benefitsAuthorisation: { signedOn: TODAY, benefits: ['AAH'] } } }),
    ).toMatchObject({ code: 'BENEFIT_NOT_AUTHORISED', benefits: ['RSA'] });
    expect(
      await refused(AVENANT, {
        input: { ...input, benefitsAuthorisation: { signedOn: addDays(TODAY, 1), benefits: ['RSA'] } },
      }),
    ).toMatchObject({ code: 'DECISION_DATED_IN_FUTURE', field: 'benefitsAuthorisation.signedOn' });
    expect(await count('avenant', id)).toBe(0);
    expect(
      (await as(worker, `query($id: ID!) { measure(id: $id) { level } }`, { id: measureId })).data.measure,
    ).toEqual({ level: 'MASP_1' });
    const signed = await as(worker, AVENANT, {
      input: { ...input, benefitsAuthorisation: { signedOn: addDays(TODAY, -1), benefits: ['RSA'] } },
    });
    expect(signed.errors).toBeUndefined();
    expect(signed.data.signAvenant).toEqual({
      id: measureId,
      level: 'MASP_2',
      managedBenefits: ['RSA'],
      avenants: [{ toLevel: 'MASP_2', authorisationSignedOn: addDays(TODAY, -1), authorisedBenefits: ['RSA'] }],
    });
    // objectives only: nothing newly managed, no authorisation asked
    const objectives = await as(worker, AVENANT, { input: { measureId, signedOn: TODAY, objectives: 'Épargne.' } });
    expect(objectives.errors).toBeUndefined();
  });

  it('refuses a renewal entered after the term, even decided before it; nothing written', async () => {
    const id = await person('Tardif');
    const startsOn = addDays(addMonths(TODAY, -6), -1); // its 6-month term ended yesterday
    await check(id, addDays(startsOn, -1));
    const measureId = (await as(worker, SIGN, contract(id, startsOn, 6))).data.signContract.id;
    const evaluationId = (
      await as(worker, EVALUATE, {
        input: { beneficiaryId: id, kind: 'RESULTATS', evaluatedOn: addDays(TODAY, -10), diagnosis: 'Renouveler.' },
      })
    ).data.recordEvaluation.id;
    await check(id, addDays(TODAY, -3));
    const late = await refused(RENEW, {
      input: { measureId, months: 6, evaluationId, decidedOn: addDays(TODAY, -2) },
    });
    expect(late).toMatchObject({
      code: 'RENEWAL_ENTERED_LATE',
      rule: 'CASF L271-2',
      termEndsOn: addMonths(startsOn, 6),
    });
    expect(await count('measure_term', id)).toBe(1);
  });

  it('caps a measure at 48 months and says it read the cap per measure; per person when the département says so', async () => {
    const id = await person('Plafond');
    const startsOn = addMonths(TODAY, -5);
    await check(id, addDays(startsOn, -1));
    const measureId = (await as(worker, SIGN, contract(id, startsOn, 6))).data.signContract.id as string;
    // its first 24 months, run before (history as data): the running term becomes the second
    await sql(`UPDATE department.measure_term SET seq = 2, decided_on = $2 WHERE measure_id = $1`, [
      measureId,
      addDays(startsOn, -1),
    ]);
    await sql(
      `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months, decided_on)
       VALUES ($1, $2, 1, $3, $4, 24, $3)`,
      [measureId, id, addMonths(startsOn, -24), startsOn],
    );
    await sql(`UPDATE department.measure SET starts_on = $2 WHERE id = $1`, [measureId, addMonths(startsOn, -24)]);
    const evaluationId = (
      await as(worker, EVALUATE, { input: { beneficiaryId: id, kind: 'RESULTATS', evaluatedOn: TODAY } })
    ).data.recordEvaluation.id;
    await check(id, TODAY);
    const input = { measureId, evaluationId, decidedOn: TODAY };
    const over = await refused(RENEW, { input: { ...input, months: 19 } });
    expect(over).toMatchObject({ code: 'TOTAL_DURATION_EXCEEDED', rule: 'CASF L271-2', reading: 'PER_MEASURE' });
    expect(over.message).toContain('(30 used, 19 requested); reading applied: per measure');
    expect(await count('measure_term', id)).toBe(2);
    expect((await as(worker, RENEW, { input: { ...input, months: 18 } })).data.renewContract.cumulativeMonths).toBe(48);

    // per person (the département's reading from 2093): a new measure counts the person's 48 months already run
    const set = await as(encadrant, SET_PARAMETER, {
      input: { key: 'MASP_CAP_READING', validFrom: '2093-01-01', value: 2, source: 'Délibération test' },
    });
    expect(set.data.setDepartmentParameter).toEqual({ key: 'MASP_CAP_READING', validFrom: '2093-01-01', value: '2' });
    await sql(
      `UPDATE department.measure SET status = 'ENDED', ended_on = ends_on, end_reason = 'AUTONOMY' WHERE id = $1`,
      [measureId],
    );
    const perPerson = await refused(SIGN, { input: { ...contract(id, '2093-02-01', 6).input, signedOn: TODAY } });
    expect(perPerson).toMatchObject({ code: 'TOTAL_DURATION_EXCEEDED', reading: 'PER_PERSON', usedMonths: 48 });
    expect(perPerson.message).toContain('lecture appliquée : par personne');
    expect(await count('measure', id)).toBe(1);
    // before that date, the statute's words: a new measure starts its own count
    expect((await as(worker, SIGN, contract(id, TODAY, 6))).data.signContract).toMatchObject({ status: 'ACTIVE' });
    await sql(`DELETE FROM department.parameter WHERE key = 'MASP_CAP_READING' AND valid_from = '2093-01-01'`);
  });
});

function asDelivered<T extends keyof PartnerEvents>(type: T, data: PartnerEvents[T]): PartnerEvent<T> {
  return { id: randomUUID(), type, producer: 'bailleur', occurredAt: new Date().toISOString(), data };
}

/** A person who refused the MASP, with a lease and two months of arrears as the landlord's facts left them here. */
async function refusingTenant(lastName: string, household: Record<string, unknown>) {
  const id = await person(lastName, household);
  // the L271-5 request rests on the refusal of what was proposed (a refusal tied to its proposal)
  const proposed = await as(
    worker,
    `mutation($input: ProposeContractInput!) { proposeContract(input: $input) { id } }`,
    {
      input: {
        beneficiaryId: id,
        level: 'MASP_1',
        startsOn: TODAY,
        months: 12,
        objectives: 'Payer le loyer chaque mois.',
        engagements: 'Un rendez-vous par mois.',
        proposedOn: addDays(TODAY, -7),
      },
    },
  );
  expect(proposed.errors).toBeUndefined();
  const refusal = await as(
    worker,
    `mutation($input: RefuseContractProposalInput!) { refuseContractProposal(input: $input) { id } }`,
    { input: { proposalId: proposed.data.proposeContract.id, refusedOn: TODAY } },
  );
  expect(refusal.errors).toBeUndefined();
  const leaseId = randomUUID();
  const landlordOrgId = DEMO_ORGS.bailleurs[1];
  await ds().transaction((tx) =>
    handleLeaseRecorded(
      tx,
      asDelivered('lease.recorded', {
        leaseId,
        beneficiaryId: id,
        landlordOrgId,
        reference: `LOI-${leaseId.slice(0, 8)}`,
        rentCents: 50000,
        chargesCents: 5000,
        startsOn: addMonths(TODAY, -24),
        endsOn: null,
      }),
    ),
  );
  await ds().transaction((tx) =>
    handleArrearsReached(
      tx,
      asDelivered('arrears.reached', {
        leaseId,
        beneficiaryId: id,
        landlordOrgId,
        unpaidMonths: [shiftMonth(monthOf(TODAY), -2), shiftMonth(monthOf(TODAY), -1)],
        declarationId: null,
      }),
    ),
  );
  return { id, leaseId };
}

const REQUEST = `mutation($input: RequestDirectPaymentInput!) { requestDirectPayment(input: $input) { id status requester rentAndChargesCents monthlyResourcesCents resteAVivreFloorCents resteAVivreWarning } }`;
const JUDGE = `mutation($input: RecordDirectPaymentJudgmentInput!) { recordDirectPaymentJudgment(input: $input) { id level status } }`;
const DISMISS = `mutation($input: RecordDirectPaymentDismissalInput!) { recordDirectPaymentDismissal(input: $input) { id status judgedOn judgmentCourt judgmentReference measureId } }`;
const requestInput = (beneficiaryId: string, leaseId: string, extra: Record<string, unknown> = {}) => ({
  input: {
    beneficiaryId,
    leaseId,
    requestedOn: TODAY,
    identityAndAddress: 'LOI, 1 rue de la Loi, 45000 Orléans',
    payingBodies: ['CAF du Loiret'],
    landlordName: 'Bailleur 2',
    grounds: 'Refus du MASP, impayés.',
    signedBy: 'Le Président du Conseil départemental',
    ...extra,
  },
});
const judgment = (requestId: string, extra: Record<string, unknown> = {}) => ({
  input: {
    requestId,
    court: "Tribunal judiciaire d'Orléans",
    judgmentOn: TODAY,
    reference: `RG LOI/${requestId.slice(0, 6)}`,
    monthlyAmountCents: 55000,
    monthlyResourcesCents: 70000,
    startsOn: TODAY,
    months: 12,
    payingBodyOrgId: DEMO_ORGS.organismePayeur,
    ...extra,
  },
});

describe('department › the L271-5 request: its requester, its reste-à-vivre warning, its dismissal', () => {
  it('warns on the request when rent leaves less than the household’s RSA; the judge’s decision is recorded anyway', async () => {
    const { id, leaseId } = await refusingTenant('Rav', { householdType: 'SINGLE_PARENT', dependants: 1 });
    const filed = await as(worker, REQUEST, requestInput(id, leaseId, { monthlyResourcesCents: 120000 }));
    expect(filed.errors).toBeUndefined();
    // RSA single person 646,52 € (April 2025) × 1.5 for a parent and a child = 969,78 €; 1 200 € − 550 € = 650 €
    expect(filed.data.requestDirectPayment).toMatchObject({
      status: 'FILED',
      requester: 'DEPARTEMENT',
      rentAndChargesCents: 55000,
      monthlyResourcesCents: 120000,
      resteAVivreFloorCents: 96978,
    });
    expect(filed.data.requestDirectPayment.resteAVivreWarning).toContain('969,78\u00a0€');
    // the judge ordered it all the same: recorded, never refused on the floor
    const m = await as(worker, JUDGE, judgment(filed.data.requestDirectPayment.id));
    expect(m.errors).toBeUndefined();
    expect(m.data.recordDirectPaymentJudgment).toMatchObject({ level: 'MASP_3', status: 'ACTIVE' });
  });

  it('records a request of the préfet or the CCAPEX (loi n° 2023-668) and its dismissal: no measure, no order', async () => {
    const { id, leaseId } = await refusingTenant('Rejet', { householdType: 'SINGLE', dependants: 0 });
    const filed = await as(
      worker,
      REQUEST,
      requestInput(id, leaseId, { requester: 'CCAPEX', monthlyResourcesCents: 200000 }),
    );
    expect(filed.data.requestDirectPayment).toMatchObject({ requester: 'CCAPEX', resteAVivreWarning: null });
    const requestId = filed.data.requestDirectPayment.id as string;
    expect(
      await refused(DISMISS, {
        input: {
          requestId,
          court: "Tribunal judiciaire d'Orléans",
          judgmentOn: addDays(TODAY, 1),
          reference: 'RG R/1',
        },
      }),
    ).toMatchObject({ code: 'DECISION_DATED_IN_FUTURE', rule: 'CASF L271-5' });
    expect(await refused(JUDGE, judgment(requestId, { judgmentOn: addDays(TODAY, 1) }))).toMatchObject({
      code: 'DECISION_DATED_IN_FUTURE',
      field: 'judgmentOn',
    });
    expect(await count('measure', id)).toBe(0);
    const dismissed = await as(worker, DISMISS, {
      input: { requestId, court: "Tribunal judiciaire d'Orléans", judgmentOn: TODAY, reference: 'RG R/1' },
    });
    expect(dismissed.data.recordDirectPaymentDismissal).toEqual({
      id: requestId,
      status: 'DISMISSED',
      judgedOn: TODAY,
      judgmentCourt: "Tribunal judiciaire d'Orléans",
      judgmentReference: 'RG R/1',
      measureId: null,
    });
    expect(await refused(JUDGE, judgment(requestId))).toMatchObject({ code: 'REQUEST_ALREADY_JUDGED' });
    expect(await count('measure', id)).toBe(0);
    expect(await count('payment_order', id)).toBe(0);
    // a new request may follow the dismissal
    const again = await as(worker, REQUEST, requestInput(id, leaseId, { requester: 'PREFET' }));
    expect(again.data.requestDirectPayment).toMatchObject({ status: 'FILED', requester: 'PREFET' });
  });
});

describe('department › a MAJ that starts ends the running MASP (C. civ. 495-1), end to end', () => {
  it('maj.recorded ends the contract (REFERRAL_TO_MAJ) and its delegation, tells the délégataire; twice = once', async () => {
    const id = await personReferredToJudge(as, worker, {
      lastName: 'Relais',
      birthDate: '1972-07-07',
      territory: 'TEST-LAW',
    });
    await check(id, TODAY);
    const startsOn = addDays(TODAY, -20);
    const signed = await as(worker, SIGN, contract(id, startsOn, 12, { level: 'MASP_2', managedBenefits: ['AAH'] }));
    expect(signed.errors).toBeUndefined();
    const measureId = signed.data.signContract.id as string;
    const delegated = await as(
      worker,
      `mutation($input: DelegateMeasureInput!) { delegateMeasure(input: $input) { id } }`,
      {
        input: {
          measureId,
          associationOrgId: DEMO_ORGS.associationB,
          conventionRef: demoConventionRef(DEMO_ORGS.associationB),
          startsOn: addDays(TODAY, -10),
        },
      },
    );
    expect(delegated.errors).toBeUndefined();
    const delegationId = delegated.data.delegateMeasure.id as string;
    const MJPM_ORG = 'c0000000-0000-4000-8000-0000000000f7';
    const notice = await as(
      worker,
      `mutation($input: RecordMajNoticeInput!) { recordMajNotice(input: $input) { id } }`,
      {
        input: {
          beneficiaryId: id,
          mandataireOrgId: MJPM_ORG,
          judgmentOn: addDays(TODAY, -2),
          court: "Tribunal judiciaire d'Orléans",
          reference: 'RG MAJ/LOI',
          startsOn: TODAY,
          endsOn: addMonths(TODAY, 12),
        },
      },
    );
    expect(notice.errors).toBeUndefined();
    const noticeId = notice.data.recordMajNotice.id as string;
    const majId = randomUUID();
    const recorded = eventOf(
      'maj.recorded',
      { majId, noticeId, beneficiaryId: id, startsOn: TODAY, endsOn: addMonths(TODAY, 12) },
      'mandataire',
    );
    // the délégataire's copy of the end waits in the outbox while we look at it (other test files' hubs deliver)
    await holdingDeliveries('department', 'association', async () => {
      await apply(ds(), handleMajRecorded, recorded);
      await apply(ds(), handleMajRecorded, recorded);

      const measure = await as(
        worker,
        `query($id: ID!) { measure(id: $id) { status endReason endedOn endsOn cumulativeMonths } }`,
        {
          id: measureId,
        },
      );
      expect(measure.data.measure).toEqual({
        status: 'ENDED',
        endReason: 'REFERRAL_TO_MAJ',
        endedOn: TODAY,
        endsOn: TODAY,
        cumulativeMonths: 1,
      });
      expect(
        await sql(
          `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on, end_reason FROM department.delegation WHERE id = $1`,
          [delegationId],
        ),
      ).toEqual([{ ends_on: TODAY, end_reason: 'MEASURE_ENDED' }]);
      const ended = (await enqueued(ds(), 'department', ['delegation.ended'])).filter(
        (j) => (j.event.data as { measureId: string }).measureId === measureId,
      );
      expect(ended.map((j) => j.event.data)).toEqual([
        expect.objectContaining({ delegationId, measureId, endsOn: TODAY, reason: 'MEASURE_ENDED_REFERRAL_TO_MAJ' }),
      ]);
    });
    expect(
      await sql(`SELECT kind FROM department.notification WHERE beneficiary_id = $1 AND kind = 'masp.ended-by-maj'`, [
        id,
      ]),
    ).toEqual([{ kind: 'masp.ended-by-maj' }]);
  });
});
