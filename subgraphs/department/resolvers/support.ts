import type { EntityManager } from 'typeorm';
import { DEPARTMENT_CASE_ROLES, Domain } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import type { SubgraphContext } from '../../kit/server/context.type';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { Beneficiary, Measure } from '../entities';
import type { DepartmentLoaders } from '../loaders';
import { isIsoDate } from '../../kit/rules/calendar';
import { badInput, DepartmentCode, departmentalRefusal } from '../rules/errors';
export { requireId } from '../../kit/rules/errors';
import { LOCK_PERSON_SQL, PARAMETERS_ON_SQL, USED_MONTHS_SQL } from '../sql';

export type Ctx = SubgraphContext<DepartmentLoaders>;

/** Département staff who run the case work (schema/policy.md › Why): the référent and the encadrant. */
export const CASE_WORKERS = DEPARTMENT_CASE_ROLES;

/** The person, if within the caller's reach (same refusal whether the id exists or not). */
export async function reachablePerson(ctx: Ctx, id: string): Promise<Beneficiary> {
  const found = isUuid(id) ? await ctx.loaders.beneficiary.load(id) : null;
  if (!found) throw notReachable('Beneficiary');
  return found;
}

/** The measure, if within the caller's reach. */
export async function reachableMeasure(ctx: Ctx, id: string): Promise<Measure> {
  const found = isUuid(id) ? await ctx.loaders.measure.load(id) : null;
  if (!found) throw notReachable('Measure');
  return found;
}

/** Locks the person's row for the transaction: writes on one file are serialised (48-month count, one open report…). */
export async function lockPerson(tx: EntityManager, id: string): Promise<void> {
  await tx.query(LOCK_PERSON_SQL, [id]);
}

export async function lockedMeasure(tx: EntityManager, id: string): Promise<Measure> {
  const m = await tx
    .getRepository(Measure)
    .createQueryBuilder('m')
    .setLock('pessimistic_write')
    .where('m.id = :id', { id })
    .getOne();
  if (!m) throw notReachable('Measure');
  return m;
}

export function requireDate(field: string, value: string | null | undefined): string {
  if (!isIsoDate(value))
    throw badInput(field, `« ${field} » doit être une date AAAA-MM-JJ.`, `"${field}" must be a YYYY-MM-DD date.`);
  return value;
}

export function requireText(field: string, value: string | null | undefined): string {
  if (!value || !value.trim()) throw badInput(field, `« ${field} » est obligatoire.`, `"${field}" is required.`);
  return value.trim();
}

export function requireCents(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw badInput(
      field,
      `« ${field} » est un montant en centimes, entier et positif.`,
      `"${field}" is an amount in cents, a non-negative integer.`,
    );
  return value;
}

/** The département's parameters in force on a date (latest `valid_from` on or before it). */
export async function parametersOn(manager: EntityManager, on: string): Promise<Map<string, number>> {
  const rows: { key: string; value: string }[] = await manager.query(PARAMETERS_ON_SQL, [on]);
  return new Map(rows.map((r) => [r.key, Number(r.value)]));
}

export function param(params: Map<string, number>, key: string, on: string): number {
  const v = params.get(key);
  if (v === undefined) {
    throw departmentalRefusal(
      DepartmentCode.PARAMETER_MISSING,
      'Paramètres départementaux',
      `aucune valeur de ${key} en vigueur le ${on}.`,
      `no value of ${key} in force on ${on}.`,
      { key },
    );
  }
  return v;
}

/** schema/policy.md › Audit: every write records its author, inside the write's own transaction. */
export function audit(
  tx: EntityManager,
  ctx: Ctx,
  beneficiaryId: string,
  action: string,
  domains: readonly Domain[],
): Promise<void> {
  return recordWrite(tx, 'department', ctx, beneficiaryId, action, domains);
}

/** Months already used of the 48-month cap of CASF L271-2 by a person, for a contract starting on `refDate`. */
export async function usedContractMonths(
  manager: EntityManager,
  beneficiaryId: string,
  refDate: string,
): Promise<number> {
  const [row] = await manager.query(USED_MONTHS_SQL, [beneficiaryId, refDate]);
  return Number(row.used);
}
