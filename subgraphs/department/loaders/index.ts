import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Caller } from '../../kit/access/caller';
import { createGroupLoader, createRowLoader, createTogetherLoader, select } from '../../kit/db/loaders';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';
import {
  Avenant,
  Beneficiary,
  BenefitReceived,
  ContractRefusal,
  Delegation,
  DirectPaymentJudgment,
  DirectPaymentRequest,
  EligibilityCheck,
  Evaluation,
  L2716Report,
  MajNotice,
  Measure,
  MeasureTerm,
  MedicalAnnex,
  ProtectionMeasure,
} from '../entities';
import { beneficiaryReach, measureReach } from '../permissions/reach';
import { CUMULATIVE_MONTHS_SQL, ROW_OF_MEASURE, ROW_OF_PERSON } from '../sql';

/** The department's per-request loaders: every one applies the caller's reach in the same statement. */
export function createLoaders(ds: DataSource, caller: Caller) {
  const person = beneficiaryReach(caller);
  const measure = measureReach(caller);
  // The batch's ids go INSIDE the reach's EXISTS (`within`), so that PostgreSQL checks the reach for those rows only
  // instead of evaluating it over every row in reach (a hash join over a whole caseload at national scale).
  const personOf = (alias: string, within?: string): Condition => {
    const r = beneficiaryReach(caller, `${alias}_rb`);
    if (r === REACH_ALL || r === REACH_NONE) return r;
    return { sql: ROW_OF_PERSON(alias, r.sql, within), params: r.params };
  };
  const measureOf = (alias: string, within?: string): Condition => {
    const r = measureReach(caller, `${alias}_rm`);
    if (r === REACH_ALL || r === REACH_NONE) return r;
    return { sql: ROW_OF_MEASURE(alias, r.sql, within), params: r.params };
  };
  /** Rows of `entity` whose `column` is one of the parent ids, within reach, in one statement per batch. */
  const group = <T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    column: string,
    key: (row: T) => string,
    reach: (alias: string, within?: string) => Condition,
    order: string,
    idsAreReachKey = true,
  ) =>
    createGroupLoader<T>((ids) => {
      const r = reach('x', idsAreReachKey ? ':ids' : undefined);
      return select(ds, entity, 'x')
        .where(`x.${column} = ANY(:ids)`, { ids })
        .andWhere(r.sql, r.params)
        .orderBy(order)
        .getMany();
    }, key);
  const byPerson = <T extends ObjectLiteral & { beneficiaryId: string }>(entity: EntityTarget<T>, order: string) =>
    group<T>(entity, 'beneficiary_id', (row) => row.beneficiaryId, personOf, order);
  const byMeasure = <T extends ObjectLiteral & { measureId: string }>(entity: EntityTarget<T>, order: string) =>
    group<T>(entity, 'measure_id', (row) => row.measureId, measureOf, order);
  const measuresOf = measureReach(caller, 'm', ':ids');

  return {
    /** The page's reads started in the same tick (caseload, its measures, its alerts), as one statement. */
    together: createTogetherLoader(ds),
    beneficiary: createRowLoader(
      (ids) =>
        select(ds, Beneficiary, 'b').where('b.id = ANY(:ids)', { ids }).andWhere(person.sql, person.params).getMany(),
      (b) => b.id,
    ),
    measure: createRowLoader(
      (ids) =>
        select(ds, Measure, 'm').where('m.id = ANY(:ids)', { ids }).andWhere(measure.sql, measure.params).getMany(),
      (m) => m.id,
    ),
    measuresByBeneficiary: createGroupLoader(
      (ids) =>
        select(ds, Measure, 'm')
          .where('m.beneficiary_id = ANY(:ids)', { ids })
          .andWhere(measuresOf.sql, measuresOf.params)
          .orderBy('m.starts_on', 'DESC')
          .getMany(),
      (m) => m.beneficiaryId,
    ),
    cumulativeMonths: createRowLoader<{ id: string; months: number }>(
      (ids) => ds.query(CUMULATIVE_MONTHS_SQL, [ids]),
      (r) => r.id,
    ),
    benefitsByBeneficiary: byPerson(BenefitReceived, 'x.starts_on'),
    protectionsByBeneficiary: byPerson(ProtectionMeasure, 'x.starts_on'),
    eligibilityChecksByBeneficiary: byPerson(EligibilityCheck, 'x.checked_on'),
    evaluationsByBeneficiary: byPerson(Evaluation, 'x.evaluated_on'),
    refusalsByBeneficiary: byPerson(ContractRefusal, 'x.recorded_on'),
    reportsByBeneficiary: byPerson(L2716Report, 'x.opened_on'),
    directPaymentRequestsByBeneficiary: byPerson(DirectPaymentRequest, 'x.requested_on'),
    majNoticesByBeneficiary: byPerson(MajNotice, 'x.starts_on'),
    annexesByReport: group(MedicalAnnex, 'report_id', (a) => a.reportId, personOf, 'x.written_on', false),
    termsByMeasure: byMeasure(MeasureTerm, 'x.seq'),
    avenantsByMeasure: byMeasure(Avenant, 'x.signed_on'),
    delegationsByMeasure: byMeasure(Delegation, 'x.starts_on'),
    judgmentsByMeasure: byMeasure(DirectPaymentJudgment, 'x.judgment_on'),
  };
}

export type DepartmentLoaders = ReturnType<typeof createLoaders>;
