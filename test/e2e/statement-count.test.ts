import { readFileSync } from 'node:fs';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { BENCH_DOCUMENTS } from '../bench/lib/documents';
import { OrgKind, Role } from '../../schema/policy';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { MAX_PAGE_SIZE } from '../../subgraphs/kit/schema/pagination';
import { asEntitiesQuery, callSubgraph, rootFieldTypes, SubgraphCall } from '../bench/lib/subgraph-calls';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * The SQL statements requests cost: per page (issue 21 §3), and N+1 freedom as a correctness property — the statements
 * a request costs each subgraph do not depend on how many rows it returns, through the gateway for pages of 1, 10 and
 * 100 persons, and for every person of the demo (300) by asking each subgraph directly (signed as the gateway signs)
 * what the gateway asks it, over all the persons at once.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

// ENCADRANT without a territory claim reaches the whole département (all 300 persons).
const ENCADRANT_ALL = {
  sub: 'encadrant-all',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};
const caseloadOf = (n: number) => SAMPLE_QUERIES.departmentCaseload.query.replace('first: 5', `first: ${n}`);

/** The totals measured after issue 21 §3 (test/bench/levers/README.md): a page may not cost more. */
const PAGE_MAX = { caseload: 11, landlord: 6, association: 9 };

/**
 * Issue 21 §3: the statements the three pages cost in all (replay claims, reads, access-log rows, the partners'
 * registry questions), printed per subgraph and bounded so that a regression fails here. The replay claim of a query
 * and its access-log rows are one statement at the end of each subgraph request (kit/access-log/audit.ts). Each page
 * is asked twice: first with the partners' registry caches cold (a caller of its own), then warm.
 */
describe('e2e › statements per page (issue 21 §3)', () => {
  const pages = [
    {
      page: 'caseload page of 50',
      // a caller of its own: the partners' registry caches are per caller, cold for this one whatever ran before
      who: { ...ENCADRANT_ALL, sub: 'encadrant-page' },
      query: BENCH_DOCUMENTS.caseloadPage,
      variables: undefined,
      max: PAGE_MAX.caseload,
    },
    {
      page: 'landlord month',
      who: DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'],
      query: SAMPLE_QUERIES.landlordPayments.query,
      variables: SAMPLE_QUERIES.landlordPayments.variables,
      max: PAGE_MAX.landlord,
    },
    {
      page: 'association files',
      who: DEMO_CALLERS['DELEGUE (association A)'],
      query: SAMPLE_QUERIES.associationFiles.query,
      variables: undefined,
      max: PAGE_MAX.association,
    },
  ];
  /** One request through the gateway: its answer and the statements it cost each subgraph. */
  async function measure(token: string, query: string, variables?: Record<string, unknown>) {
    const statements: Record<string, number> = {};
    const offs = Object.entries(hub.subgraphs).map(([name, s]) => {
      const l = (r: { statements: number }) => {
        statements[name] = (statements[name] ?? 0) + r.statements;
      };
      s.server.events.on('request', l);
      return () => s.server.events.off('request', l);
    });
    try {
      const { body } = await hub.query(token, query, variables);
      const total = Object.values(statements).reduce((a, b) => a + b, 0);
      return { body, statements, total };
    } finally {
      offs.forEach((off) => off());
    }
  }
  it.each(pages)('$page costs at most $max statements in all', async ({ page, who, query, variables, max }) => {
    const token = await hub.token(who);
    const cold = await measure(token, query, variables);
    const warm = await measure(token, query, variables);
    for (const { body } of [cold, warm]) expect(body.errors).toBeUndefined();
    expect(warm.body.data).toEqual(cold.body.data);
    console.log(
      `${page}: ${cold.total} statements ${JSON.stringify(cold.statements)}, ` +
        `registry cached ${warm.total} ${JSON.stringify(warm.statements)}`,
    );
    expect({ page, total: Math.min(cold.total, max) }).toEqual({ page, total: cold.total });
    expect(warm.total).toBeLessThanOrEqual(cold.total);
  });
});

/**
 * Runs one gateway request and returns, per subgraph, the statements it cost (registry questions included) and the
 * queries the gateway sent.
 */
async function throughGateway(token: string, query: string) {
  const statements: Record<string, number> = {};
  const calls: SubgraphCall[] = [];
  const offs = Object.entries(hub.subgraphs).map(([name, s]) => {
    const l = (r: { statements: number; query?: string; operationName?: string }) => {
      statements[name] = (statements[name] ?? 0) + r.statements;
      // The partner subgraphs' questions to the department's registry (one per partner request) cost the department
      // their statement, but are not queries the gateway planned.
      if (r.operationName !== 'RegistryReachablePersons') calls.push({ subgraph: name, query: r.query ?? '' });
    };
    s.server.events.on('request', l);
    return () => s.server.events.off('request', l);
  });
  try {
    const { body } = await hub.query(token, query);
    return { body, statements, calls };
  } finally {
    offs.forEach((off) => off());
  }
}

/** The statements one direct subgraph request costs (read from the server's 'request' event). */
async function statementsOf(subgraph: string, query: string, variables: Record<string, unknown>) {
  const s = hub.subgraphs[subgraph];
  let statements = -1;
  const l = (r: { statements: number }) => {
    statements = r.statements;
  };
  s.server.events.on('request', l);
  try {
    const { status, body } = await callSubgraph(
      s.url,
      hub.gatewayKeys.signer,
      subgraph,
      ENCADRANT_ALL,
      query,
      variables,
    );
    return { status, body, statements };
  } finally {
    s.server.events.off('request', l);
  }
}

describe('e2e › SQL statements per request stay flat from 1 to every row (N+1 free)', () => {
  it('through the gateway, the caseload of 1, 10 and 100 persons costs each subgraph the same statements', async () => {
    const token = await hub.token(ENCADRANT_ALL);
    const per: Record<number, Record<string, number>> = {};
    for (const n of [1, 10, MAX_PAGE_SIZE]) {
      const { body, statements } = await throughGateway(token, caseloadOf(n));
      expect(body.errors).toBeUndefined();
      expect(body.data.caseload).toHaveLength(n);
      per[n] = statements;
    }
    // the four subgraphs take part, and none is asked more as the page grows
    expect(Object.keys(per[MAX_PAGE_SIZE]).sort()).toEqual(['association', 'bailleur', 'department', 'mandataire']);
    // the same count for 10 and 100 persons; a single person may need fewer (no lease: no payments asked), never more
    expect(per[MAX_PAGE_SIZE]).toEqual(per[10]);
    for (const [name, count] of Object.entries(per[10])) {
      expect(per[1][name] ?? 0).toBeLessThanOrEqual(count);
      // one of them is the jti claim of each signed gateway request and its access-log rows (kit/access-log/audit.ts)
      expect(count).toBeLessThanOrEqual(8);
    }
  });

  it('asked directly for 1, 10, 100 and all 300 persons at once, each subgraph costs the same statements', async () => {
    const token = await hub.token(ENCADRANT_ALL);
    const { body, calls } = await throughGateway(token, caseloadOf(MAX_PAGE_SIZE));
    expect(body.errors).toBeUndefined();
    const typeOf = rootFieldTypes(readFileSync(hub.config.supergraphPath, 'utf8'));
    const idsOf: Record<string, string[]> = {
      Beneficiary: hub.plan.persons.map((p) => p.id),
      Measure: hub.plan.measures.map((m) => m.id),
      Lease: hub.plan.leases.map((l) => l.id),
      JudicialMeasure: hub.plan.judicialMeasures.map((j) => j.id),
    };
    const all = hub.plan.persons.length;
    expect(all).toBe(300);
    expect(calls.length).toBeGreaterThanOrEqual(4);
    for (const call of calls) {
      const entities = asEntitiesQuery(call.query, typeOf);
      expect(entities).toBeDefined();
      const ids = idsOf[entities!.typename];
      expect({ typename: entities!.typename, known: !!ids?.length }).toEqual({
        typename: entities!.typename,
        known: true,
      });
      const counts: number[] = [];
      for (const n of [1, 10, 100, all]) {
        const representations = Array.from({ length: n }, (_, i) => ({
          __typename: entities!.typename,
          id: ids[i % ids.length],
        }));
        const {
          status,
          body: answer,
          statements,
        } = await statementsOf(call.subgraph, entities!.query, { representations });
        expect(status).toBe(200);
        expect(answer.errors).toBeUndefined();
        expect(answer.data._entities).toHaveLength(n);
        counts.push(statements);
      }
      // one statement per loader, whatever the number of rows: the same count from 10 to 300 (a single row may need
      // fewer — one person without a lease asks for no payments — never more)
      const [one, ten] = counts;
      expect({ subgraph: call.subgraph, counts }).toEqual({ subgraph: call.subgraph, counts: [one, ten, ten, ten] });
      expect(one).toBeLessThanOrEqual(ten);
      expect(ten).toBeGreaterThanOrEqual(1);
      expect(ten).toBeLessThanOrEqual(8);
    }
  });
});
