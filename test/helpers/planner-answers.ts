/**
 * Run by test/gateway/query-planner.test.ts in a plain Node process (`node -r @swc-node/register`): the Rust planner
 * loads its native module with a dynamic import(), which jest's VM refuses. Reads `[{ caller, query }]` on stdin, asks
 * each through a JS-planner gateway and a Rust-planner gateway over one test hub, prints `[{ js, rust }]` as JSON.
 */
import 'reflect-metadata';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { readGatewayConfig } from '../../gateway/env';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { DEMO_CALLERS } from '../../gateway/dev-tokens';
import { startTestHub, TEST_SECRET } from './hub';

const BASE = { UPSTREAM_SIGNING_SECRET: TEST_SECRET, NODE_ENV: 'test', JWT_PUBLIC_KEY: 'unused: tokens are verified with the hub key', JWT_ISSUER: 'masp-hub-dev', JWT_AUDIENCE: 'masp-hub' };

async function main() {
  const cases: Array<{ caller: string; query: string }> = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const hub = await startTestHub();
  const gateways = {} as Record<'js' | 'rust', GatewayRuntime>;
  for (const planner of ['js', 'rust'] as const) {
    const config = readGatewayConfig({ ...BASE, QUERY_PLANNER: planner });
    config.subgraphUrls = hub.config.subgraphUrls;
    gateways[planner] = await createHubGateway(config, { verify: await createVerifier(hub.config) });
  }
  const answers = [];
  for (const { caller, query } of cases) {
    const token = await hub.token(DEMO_CALLERS[caller]);
    const answer: Record<string, unknown> = {};
    for (const planner of ['js', 'rust'] as const) {
      const res = await gateways[planner].fetch('http://localhost/graphql', {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }),
      });
      answer[planner] = { status: res.status, body: await res.json() };
    }
    answers.push(answer);
  }
  for (const g of Object.values(gateways)) await g.dispose();
  await hub.stop();
  process.stdout.write(`\n${JSON.stringify(answers)}\n`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
