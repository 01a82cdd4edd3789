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
