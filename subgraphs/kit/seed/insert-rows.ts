import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Inserts rows in chunks (one multi-row INSERT each) through the given manager (a transaction's, usually). */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}
