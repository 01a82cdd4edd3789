import type { EntityManager } from 'typeorm';
import { DEPARTMENT_CASE_ROLES, Domain } from '../../../schema/policy';
import { recordWrite } from '../../kit/access-log/audit';
import type { SubgraphContext } from '../../kit/server/context.type';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { Beneficiary, Measure } from '../entities';
import type { DepartmentLoaders } from '../loaders';
import { isIsoDate } from '../../kit/rules/calendar';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';

export type Ctx = SubgraphContext<DepartmentLoaders>;

/** Département staff who run the case work: the référent and the encadrant. */
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
  await tx.query('SELECT id FROM department.beneficiary WHERE id = $1 FOR UPDATE', [id]);
}

export async function lockedMeasure(tx: EntityManager, id: string): Promise<Measure> {
  const m = await tx.getRepository(Measure).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  if (!m) throw notReachable('Measure');
  return m;
}

export function requireDate(field: string, value: string | null | undefined): string {
  if (!isIsoDate(value)) throw badInput(field, `« ${field} » doit être une date AAAA-MM-JJ.`, `"${field}" must be a YYYY-MM-DD date.`);
  return value;
}

export function requireText(field: string, value: string | null | undefined): string {
  if (!value || !value.trim()) throw badInput(field, `« ${field} » est obligatoire.`, `"${field}" is required.`);
  return value.trim();
}

export function requireId(field: string, value: string | null | undefined): string {
  if (!isUuid(value)) throw badInput(field, `« ${field} » doit être un identifiant.`, `"${field}" must be an id.`);
  return value.toLowerCase();
}

export function requireCents(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(field, `« ${field} » est un montant en centimes, entier et positif.`, `"${field}" is an amount in cents, a non-negative integer.`);
  return value;
}

/** The département's parameters in force on a date (latest `valid_from` on or before it). */
export async function parametersOn(manager: EntityManager, on: string): Promise<Map<string, number>> {
  const rows: { key: string; value: string }[] = await manager.query(
    `SELECT DISTINCT ON (key) key, value FROM department.parameter WHERE valid_from <= $1 ORDER BY key, valid_from DESC`, [on]);
  return new Map(rows.map((r) => [r.key, Number(r.value)]));
}

export function param(params: Map<string, number>, key: string, on: string): number {
  const v = params.get(key);
  if (v === undefined) {
    throw ruleError(DepartmentCode.PARAMETER_MISSING, 'Paramètres départementaux',
      `aucune valeur de ${key} en vigueur le ${on}.`, `no value of ${key} in force on ${on}.`, { key });
  }
  return v;
}

/** policy.md "Audit": every write records its author, inside the write's own transaction. */
export function audit(tx: EntityManager, ctx: Ctx, beneficiaryId: string, action: string, domains: readonly Domain[]): Promise<void> {
  return recordWrite(tx, 'department', ctx, beneficiaryId, action, domains);
}

/**
 * Months already used of the 48-month cap of CASF L271-2 (levels 1 and 2 together) for a person, for a contract
 * starting on `refDate`: the terms of the person's MASP 1/2 since the last MAJ that started before (a MASP may follow
 * a MAJ that ended, L271-1 al. 3, and starts a new count). SQL expression on `$1` (person) and `$2` (date).
 */
export const USED_MONTHS_SQL = `
  SELECT COALESCE(SUM(t.months), 0)::int AS used FROM department.measure_term t JOIN department.measure m2 ON m2.id = t.measure_id
  WHERE m2.beneficiary_id = $1 AND m2.level IN ('MASP_1', 'MASP_2')
    AND m2.starts_on >= COALESCE((SELECT max(n.starts_on) FROM department.maj_notice n WHERE n.beneficiary_id = $1 AND n.starts_on <= $2), '-infinity'::date)`;

export async function usedContractMonths(manager: EntityManager, beneficiaryId: string, refDate: string): Promise<number> {
  const [row] = await manager.query(USED_MONTHS_SQL, [beneficiaryId, refDate]);
  return Number(row.used);
}
