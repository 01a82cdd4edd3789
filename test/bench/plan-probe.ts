/**
 * `node -r @swc-node/register test/bench/plan-probe.ts`: for identical requests to the hub, counts the documents the
 * Rust planner (the default) receives to plan, and the JS planner's delegation-plan builds (QUERY_PLANNER=js): is the
 * plan cache hit by the second one?
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { journeys, startStack } from './run';
import { prepareDatabase } from './lib/seed-scale';

// The Rust planner caches its plans per document object (WeakMap): count the distinct documents its executor receives.
let rustDocuments = 0;
const seenDocuments = new WeakSet<object>();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const router = require('@graphql-hive/router-runtime');
const rustHandler = router.unifiedGraphHandler;
Object.defineProperty(router, 'unifiedGraphHandler', {
  value: async (opts: unknown) => {
    const handled = await rustHandler(opts);
    const executor = handled.executor.bind(handled);
    return {
      ...handled,
      executor: (req: { document: object }) => {
        if (!seenDocuments.has(req.document)) {
          seenDocuments.add(req.document);
          rustDocuments++;
        }
        return executor(req);
      },
    };
  },
});

async function main(): Promise<void> {
  const db = await prepareDatabase(
    process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    Number(process.env.BENCH_SCALE ?? 1),
    () => undefined,
  );
  const stack = await startStack(
    db.url,
    readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  );
  for (const key of ['leases', 'caseload50']) {
    const j = journeys().find((x) => x.key === key)!;
    const token = await stack.token(j.claims);
    const jsUrl = stack.jsUrl;
    if (!jsUrl) throw new Error('plan-probe needs the JS-planner variant (BENCH_JS unset)');
    const ask = async (url = jsUrl) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: j.query, variables: j.variables }),
      });
      const body = await res.json();
      if (!body.data) throw new Error(JSON.stringify(body.errors));
    };
    const w = planBuilds;
    await ask();
    console.log(key, 'JS planner, first request:', planBuilds - w, 'plans built');
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = planBuilds;
      const t = performance.now();
      await ask();
      counts.push(planBuilds - before);
      console.log(
        key,
        `request ${i + 2}: ${planBuilds - before} delegation plans built, ${(performance.now() - t).toFixed(1)} ms`,
      );
    }
    await ask(stack.hubUrl);
    const before = rustDocuments;
    for (let i = 0; i < 3; i++) await ask(stack.hubUrl);
    console.log(
      key,
      `Rust planner (the hub's): 3 identical requests → ${rustDocuments - before} new documents to plan`,
    );
  }
  await stack.stop();
}

// Count every call of the stitching's non-memoized delegation-plan builder (the memoized wrapper calls it through the
// property).
let planBuilds = 0;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GraphQLSchema } = require('graphql');
const seen = new WeakSet<object>();
const proto = GraphQLSchema.prototype;
const getType = proto.getType;
proto.getType = function (this: any, name: string) {
  const info = this.extensions?.stitchingInfo;
  if (info && !seen.has(info)) {
    seen.add(info);
    for (const t of Object.values<any>(info.mergedTypes)) {
      const build = t.nonMemoizedDelegationPlanBuilder;
      if (typeof build === 'function')
        t.nonMemoizedDelegationPlanBuilder = function (...a: unknown[]) {
          planBuilds++;
          return build.apply(this, a);
        };
    }
  }
  return getType.call(this, name);
};

void main().then(() => process.exit(0));
