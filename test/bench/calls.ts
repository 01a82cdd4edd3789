/**
 * `NODE_ENV=production node -r @swc-node/register test/bench/calls.ts [journeys]`: the time each subgraph call of a
 * journey's plan takes when the subgraph is asked directly (median of N=30), to see which subgraph a journey waits on.
 * BENCH_SCALE (default 100) picks the database (built by `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journeys, SIGNER, startStack } from './run';
import { BENCH_CALLER_HEADER } from './lib/gateways';
import { prepareDatabase } from './lib/seed-scale';
import { callSubgraph } from './lib/subgraph-calls';

async function main(): Promise<void> {
  const keys = (process.argv[2] ?? 'caseload50,files,leases').split(',');
  const n = Number(process.env.N ?? 30);
  const db = await prepareDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    Number(process.env.BENCH_SCALE ?? 100),
    console.log,
  );
  const stack = await startStack(
    db.url,
    readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  );
  for (const key of keys) {
    const j = journeys().find((x) => x.key === key)!;
    stack.recorded.length = 0;
    await fetch(stack.bareUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BENCH_CALLER_HEADER]: JSON.stringify(j.claims) },
      body: JSON.stringify({ query: j.query, variables: j.variables }),
    }).then((r) => r.text());
    for (const c of [...stack.recorded]) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = await callSubgraph(stack.urls[c.subgraph], SIGNER, c.subgraph, j.claims, c.query, c.variables);
        times.push(performance.now() - t);
        bytes = JSON.stringify(r.body).length;
      }
      times.sort((a, b) => a - b);
      const reps = (c.variables as { representations?: unknown[] } | undefined)?.representations?.length;
      console.log(
        `${j.label.padEnd(24)} ${c.subgraph.padEnd(12)} ${times[Math.floor(n / 2)].toFixed(1).padStart(6)} ms  ${String(bytes).padStart(6)} bytes  ${reps ? `${reps} entities` : 'root query'}`,
      );
    }
  }
  await stack.stop();
}

void main().then(() => process.exit(0));
