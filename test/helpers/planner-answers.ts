/**
 * Run by test/gateway/query-planner.test.ts in a plain Node process (`node -r @swc-node/register`), as the gateway runs
 * (the Rust planner's native module is loaded by a dynamic import()). Reads `[{ caller, query }]` on stdin, asks each
 * through a JS-planner gateway and a Rust-planner gateway over one test hub, prints `[{ js, rust }]` as JSON, with, for
 * a named operation, the subgraphs whose access log gained rows under that name during the request.
 */
import 'reflect-metadata';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import { readGatewayConfig } from '../../gateway/env';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { startTestHub } from './hub';

const BASE = {
  NODE_ENV: 'test',
  JWT_PUBLIC_KEY: 'unused: tokens are verified with the hub key',
  JWT_ISSUER: 'masp-hub-dev',
  JWT_AUDIENCE: 'masp-hub',
};

async function main() {
  const cases: Array<{ caller: string; query: string; variables?: Record<string, unknown> }> = JSON.parse(
    readFileSync(0, 'utf8'),
  );
  const hub = await startTestHub();
  const gateways = {} as Record<'js' | 'rust', GatewayRuntime>;
  for (const planner of ['js', 'rust'] as const) {
    const config = readGatewayConfig({ ...BASE, QUERY_PLANNER: planner });
    config.subgraphUrls = hub.config.subgraphUrls;
    config.signingKeys = hub.config.signingKeys; // the key the hub's subgraphs know
    gateways[planner] = await createHubGateway(config, { verify: await createVerifier(hub.config) });
  }
  const countLogged = async (name: string) => {
    const counts: Record<string, number> = {};
    for (const [subgraph, s] of Object.entries(hub.subgraphs)) {
      counts[subgraph] = (
        await s.dataSource.query(`SELECT count(*)::int AS n FROM "${subgraph}".access_log WHERE detail = $1`, [name])
      )[0].n;
    }
    return counts;
  };
  const answers = [];
  for (const { caller, query, variables } of cases) {
    const token = await hub.token(DEMO_CALLERS[caller]);
    const answer: Record<string, unknown> = {};
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
    for (const planner of ['js', 'rust'] as const) {
      const before = name ? await countLogged(name) : {};
      const res = await gateways[planner].fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      // which subgraphs wrote access-log rows under the client's operation name during this request (the log is
      // append-only)
      const logged: string[] = [];
      if (name)
        for (const [subgraph, n] of Object.entries(await countLogged(name)))
          if (n > (before[subgraph] ?? 0)) logged.push(subgraph);
      answer[planner] = { status: res.status, body, ...(name ? { logged: logged.sort() } : {}) };
    }
    answers.push(answer);
  }
  for (const g of Object.values(gateways)) await g.dispose();
  await hub.stop();
  process.stdout.write(`\n${JSON.stringify(answers)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
