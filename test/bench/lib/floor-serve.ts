/**
 * The SQL floor behind one HTTP hop as its own process, for the deployed bench (test/bench/deployed.ts):
 * `node -r @swc-node/register test/bench/lib/floor-serve.ts` with FLOOR_DATABASE_URL, FLOOR_QUERIES (JSON: journey →
 * { sql, params }) and PORT. It answers POST {journey} with the floor query's JSON (lib/floor.ts startFloor).
 */
import { FloorQuery, startFloor } from './floor';

async function main(): Promise<void> {
  const queries = JSON.parse(process.env.FLOOR_QUERIES ?? '{}') as Record<string, FloorQuery>;
  const floor = await startFloor(process.env.FLOOR_DATABASE_URL ?? '', queries, Number(process.env.PORT ?? 0));
  const stop = () => void floor.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(`floor failed to start: ${(err as Error).message}`);
  process.exit(1);
});
