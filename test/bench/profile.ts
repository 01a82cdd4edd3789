/**
 * `node --cpu-prof -r @swc-node/register test/bench/profile.ts <gateway> <journey>`: load on one gateway only, for a
 * CPU
 * profile of where its time goes (gateway: hub | bare | apollo | js; journey: leases | caseload50 | files | caseload5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journeys, startStack } from './run';
import { BENCH_CALLER_HEADER } from './lib/gateways';
import { prepareDatabase } from './lib/seed-scale';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: Record<string, unknown>) => Promise<any> = require('autocannon');

async function main(): Promise<void> {
  const [gateway = 'hub', key = 'leases'] = process.argv.slice(2);
  const db = await prepareDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    Number(process.env.BENCH_SCALE ?? 100),
    console.log,
  );
  const stack = await startStack(
    db.url,
    readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  );
  const j = journeys().find((x) => x.key === key)!;
  const url = { hub: stack.hubUrl, bare: stack.bareUrl, apollo: stack.apolloUrl, js: stack.jsUrl }[gateway]!;
  const headers =
    gateway === 'hub' || gateway === 'js'
      ? { authorization: `Bearer ${await stack.token(j.claims)}` }
      : { [BENCH_CALLER_HEADER]: JSON.stringify(j.claims) };
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: j.query, variables: j.variables }),
    connections: 8,
    duration: Number(process.env.BENCH_SECONDS ?? 5),
  });
  console.log(
    gateway,
    key,
    'req/s',
    r.requests.average,
    'p50',
    r.latency.p50,
    'p99',
    r.latency.p99,
    'errors',
    r.errors + r.non2xx,
  );
  await stack.stop();
}

void main().then(() => process.exit(0));
