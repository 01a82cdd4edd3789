import { Client } from 'pg';

/**
 * A direct SQL look at the run's database, as the run's superuser, to check what the API cannot show (row counts, the
 * access log) or to change what the hub's application roles may not (DDL).
 */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * One statement writing `department.parameter` rows (`values`: an SQL VALUES list of key, valid_from, value, source)
 * as an older database could hold them: out of their range, written before the database refused them. The range
 * constraint is lifted for them and put back as the migrations left it (its own definition). Atomic; inside the
 * caller's transaction when there is one.
 */
export const olderParameterRowsSql = (values: string) => `DO $older$
  DECLARE def text := (SELECT pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = 'department.parameter'::regclass AND conname = 'parameter_within_statute');
  BEGIN
    ALTER TABLE department.parameter DROP CONSTRAINT parameter_within_statute;
    INSERT INTO department.parameter (key, valid_from, value, source) VALUES ${values};
    EXECUTE 'ALTER TABLE department.parameter ADD CONSTRAINT parameter_within_statute ' || def;
  END $older$`;
