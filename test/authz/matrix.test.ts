import { parse } from 'graphql';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { Domain, Role, ROLE_DOMAINS } from '../../schema/policy';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';
import { nonConformities } from './answer-conformance';
import { entriesOf, plan, ROLES } from './fixtures';
import { classifiedFields, operationFor, Route, routes, supergraph } from './supergraph-walk';

/**
 * The authorization matrix of schema/policy.md, generated: every role × every classified field of the supergraph,
 * reached
 * directly (entry point and field in one subgraph) and through another subgraph's entity, asserting either that
 * the field is granted (no FORBIDDEN for its domain, value served when the row is in reach, and the read left its
 * row in the serving subgraph's access log) or that it is FORBIDDEN with `extensions.domain` (and left no row).
 * Entry points per role come from the demo plan below; fields added later are covered without edits. Every answer
 * is also checked against the schema (answer-conformance.ts): a refusal nulls the nearest nullable position, lists
 * stay lists, what a typed client relies on.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/**
 * Types only a mutation returns (the receipt of a write): no query reaches them, so the matrix cannot read them; the
 * gateway's filter applies to a mutation's selection the same way. Listed by name, so that a new write-only type
 * still fails the reachability test below until someone decides it belongs here.
 */
const WRITE_RECEIPT_TYPES = ['DelegatedOverdraft', 'RentArrearsDeclaration'];
const CLASSIFIED = classifiedFields().filter((c) => !WRITE_RECEIPT_TYPES.includes(c.type));

interface Case {
  role: Role;
  target: string;
  domain: Domain;
  kind: 'direct' | 'entity';
  candidates: Route[];
  name: string;
}
let counter = 0;
function casesFor(role: Role): Case[] {
  const held = new Set(ROLE_DOMAINS[role]);
  const entries = entriesOf(role);
  const granted = routes(entries, (d) => !d || held.has(d));
  const any = routes(entries, () => true);
  const out: Case[] = [];
  for (const { type, field, domain } of CLASSIFIED) {
    for (const kind of ['direct', 'entity'] as const) {
      const key = `${type}.${field}|${kind}`;
      const candidates = granted.get(key) ?? any.get(key);
      if (candidates)
        out.push({
          role,
          target: `${type}.${field}`,
          domain,
          kind,
          candidates,
          name: `Mx${String(++counter).padStart(4, '0')}x`,
        });
    }
  }
  return out;
}
const CASES: Case[] = Object.values(Role).flatMap(casesFor);

const names = (path: ReadonlyArray<string | number>) => path.filter((p) => typeof p === 'string');
const sameArray = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The values found at a path of the answer (lists flattened); `parents` counts the objects holding the last field. */
function valuesAt(data: unknown, path: string[]): { parents: number; values: unknown[] } {
  let level: unknown[] = [data];
  for (let i = 0; i < path.length - 1; i++) {
    level = level
      .flatMap((o) => (o && typeof o === 'object' ? [(o as Record<string, unknown>)[path[i]]] : []))
      .flat(Infinity)
      .filter((o) => o != null);
  }
  const parents = level.filter((o) => o && typeof o === 'object');
  return { parents: parents.length, values: parents.map((o) => (o as Record<string, unknown>)[path[path.length - 1]]) };
}
const isServed = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

async function auditRows(name: string): Promise<Array<{ subgraph: string; domains: string[] }>> {
  const out: Array<{ subgraph: string; domains: string[] }> = [];
  for (const [subgraph, s] of Object.entries(hub.subgraphs)) {
    for (const r of await s.dataSource.query(`SELECT domains FROM "${subgraph}".access_log WHERE detail = $1`, [name]))
      out.push({ subgraph, domains: r.domains });
  }
  return out;
}

const coverage = { granted: 0, served: new Set<string>(), forbidden: 0, unreachedRows: [] as string[] };

describe.each(Object.values(Role))('authz › matrix › %s', (role) => {
  const cases = CASES.filter((c) => c.role === role);
  it('reaches every classified field from its entry points (directly or through an entity)', () => {
    const reached = new Set(cases.map((c) => c.target));
    expect(CLASSIFIED.map((c) => `${c.type}.${c.field}`).filter((t) => !reached.has(t))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.target} [${c.domain}] ${c.kind}`, c] as const))('%s', async (_label, c) => {
    const held = new Set(ROLE_DOMAINS[role]);
    const token = await hub.token(DEMO_CALLERS[ROLES[role].caller]);
    // Each candidate route in turn (fixture entry points first) until one reaches rows: the decision is the same
    // on every route; rows are needed to see a value served and its access-log row.
    for (const [n, route] of c.candidates.entries()) {
      const name = `${c.name}${n}`;
      const query = operationFor(name, route);
      const { status, body } = await hub.query(token, query);
      expect(status).toBe(200);
      expect({ query, nonConformities: nonConformities(supergraph, parse(query), body.data) }).toEqual({
        query,
        nonConformities: [],
      });
      const path = route.steps.map((s) => s.field);
      const errors: any[] = body.errors ?? [];
      const deniedAt = route.steps.findIndex((s) => s.domain && !held.has(s.domain));
      if (deniedAt >= 0) {
        coverage.forbidden += 1;
        const denied = route.steps[deniedAt];
        const deniedPath = path.slice(0, deniedAt + 1);
        const refusal = errors.find(
          (e) => e.extensions?.domain === denied.domain && sameArray(names(e.path ?? []), deniedPath),
        );
        expect({
          query,
          refusal: refusal && { code: refusal.extensions.code, domain: refusal.extensions.domain },
        }).toEqual({ query, refusal: { code: 'FORBIDDEN', domain: denied.domain } });
        expect(valuesAt(body.data, deniedPath).values.filter(isServed)).toEqual([]);
        expect((await auditRows(name)).filter((r) => r.domains.includes(denied.domain!))).toEqual([]);
        return;
      }
      // Granted: no refusal of a domain anywhere on the way (row refusals are the subgraph's, not the matrix's).
      expect({ query, refusals: errors.filter((e) => e.extensions?.domain) }).toEqual({ query, refusals: [] });
      const { parents, values } = valuesAt(body.data, path);
      if (!parents) continue; // no row of this role on this route: try the next one
      coverage.granted += 1;
      if (values.some(isServed)) {
        coverage.served.add(c.target);
        // aggregates (STATISTICS: L271-7, the retention dry run) are read of no person: no access-log row to expect
        // (schema/policy.md › Audit logs the reads of a person's file)
        if (c.domain === Domain.STATISTICS) return;
        const serving = route.steps[route.steps.length - 1].subgraph;
        const rows = await auditRows(name);
        expect({ query, logged: rows.some((r) => r.subgraph === serving && r.domains.includes(c.domain)) }).toEqual({
          query,
          logged: true,
        });
      }
      return;
    }
    coverage.unreachedRows.push(`${role} ${c.target} ${c.kind}`);
  });
});

describe('authz › matrix › coverage', () => {
  it('tested a denial and a served value, with its access-log row, for the fields of the demo', () => {
    const notServed = CLASSIFIED.map((f) => `${f.type}.${f.field}`).filter((t) => !coverage.served.has(t));
    // Route × role pairs with no demo row (no entry point of that role in that subgraph, MEDECIN's empty reach…) are
    // counted, not failed.
    console.log(
      `authz matrix: ${coverage.granted} granted routes with rows, ${coverage.forbidden} refusals, ${coverage.served.size}/${CLASSIFIED.length} fields served and logged; without rows: ${coverage.unreachedRows.length}; never served: ${notServed.join(', ') || 'none'}`,
    );
    // A guard against a matrix that silently tests nothing (fixture ids gone stale, a reach broken).
    expect(coverage.forbidden).toBeGreaterThan(CLASSIFIED.length);
    // At least 85 % of the classified fields served non-null to a granted caller and logged (199 of 232 when this was
    // raised back from 0.7). The rest, printed above: aggregates (L2717Export) are served without a person, hence
    // without
    // a log row; avenants, the département's protection measures, ended MAJ and renewals have no demo row yet.
    // Counted over the fields of a person's file: the STATISTICS aggregates (L271-7 statistics and export, asked with a
    // year the walk does not invent) are served and refused in test/subgraphs/department/statistics.test.ts.
    const ofPersons = CLASSIFIED.filter((c) => c.domain !== Domain.STATISTICS);
    const servedOfPersons = ofPersons.filter((c) => coverage.served.has(`${c.type}.${c.field}`)).length;
    expect(servedOfPersons).toBeGreaterThanOrEqual(Math.ceil(ofPersons.length * 0.85));
  });
});

describe('authz › matrix › a refusal still answers valid GraphQL', () => {
  const landlord = () => hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
  const forbidden = (path: Array<string | number>, domain: Domain) =>
    expect.objectContaining({ path, extensions: { code: 'FORBIDDEN', domain } });
  const outOfReach = (path: Array<string | number>) => ({
    message: 'Beneficiary introuvable ou hors de votre périmètre. / Beneficiary not found or not within your reach.',
    path,
    extensions: { code: 'FORBIDDEN', serviceName: 'department' },
  });

  it('the conformance check catches the skeletons the gateway used to answer', () => {
    const leases = '{ myLeases(first: 100) { id beneficiary { id measures { level } } } }';
    expect(
      nonConformities(supergraph, parse(leases), {
        myLeases: [{ id: 'l1', beneficiary: { measures: { level: null } } }],
      }),
    ).toEqual([
      'myLeases.0.beneficiary.id: selected, missing from the answer',
      'myLeases.0.beneficiary.measures: [Measure!]! expected, got {"level":null}',
    ]);
    expect(
      nonConformities(supergraph, parse('{ beneficiary(id: "b") { id judicialMeasures { id } } }'), {
        beneficiary: { judicialMeasures: null },
      }),
    ).toEqual(['beneficiary.id: selected, missing from the answer']);
    expect(nonConformities(supergraph, parse('{ myLeases(first: 1) { id } }'), { myLeases: [null] })).toEqual([
      'myLeases.0: null at a non-null Lease!',
    ]);
  });

  it("a landlord's refused field in a list: the list and its items stay, null and FORBIDDEN at each item's path", async () => {
    const token = await landlord();
    const { body } = await hub.query(token, '{ myLeases(first: 3) { id beneficiary { id firstName } } }');
    expect(body.data.myLeases).toHaveLength(3);
    expect(body).toEqual({
      data: {
        myLeases: body.data.myLeases.map((l: { id: string; beneficiary: { id: string } }) => ({
          id: expect.any(String),
          beneficiary: { id: l.beneficiary.id, firstName: null },
        })),
      },
      errors: [0, 1, 2].map((i) => forbidden(['myLeases', i, 'beneficiary', 'firstName'], Domain.IDENTITY)),
    });
  });

  it('a landlord asking myLeases { beneficiary { id measures { level } } }: null up to the nearest nullable', async () => {
    const token = await landlord();
    const query = '{ myLeases(first: 100) { id beneficiary { id measures { level } } } }';
    const leases = (await hub.query(token, '{ myLeases(first: 100) { id } }')).body.data.myLeases;
    const { status, body } = await hub.query(token, query);
    expect(leases.length).toBeGreaterThan(0);
    expect(status).toBe(200);
    expect(nonConformities(supergraph, parse(query), body.data)).toEqual([]);
    // The department does not serve a landlord the measures of a person (its row rule): `measures` ([Measure!]!) is
    // missing, so is the beneficiary (non-null), its lease (a non-null item), myLeases (non-null), hence data. The
    // level refusal is still told, at its path: no lease's measures were reached.
    // The errors' order carries no meaning: a person with two of this landlord's leases (other test files record
    // some) is one entity call, whose refusal the runtime lists at both paths, wherever it comes.
    const leaseIndex = (e: { path: unknown[] }) =>
      typeof e.path[1] === 'number' ? e.path[1] : Number.MAX_SAFE_INTEGER;
    expect({ ...body, errors: [...body.errors].sort((a, b) => leaseIndex(a) - leaseIndex(b)) }).toEqual({
      data: null,
      errors: [
        ...leases.map((_: unknown, i: number) => outOfReach(['myLeases', i, 'beneficiary'])),
        forbidden(['myLeases', 'beneficiary', 'measures', 'level'], Domain.SOCIAL_SUMMARY),
      ],
    });
  });

  it("association B reading association A's person: null, not an object around a refused field", async () => {
    const token = await hub.token(DEMO_CALLERS['DELEGUE (association B)']);
    const person = plan.delegations.find((d) => d.associationOrgId === DEMO_ORGS.associationA)!.beneficiaryId;
    const query = `{ beneficiary(id: "${person}") { id judicialMeasures { id } } }`;
    const { body } = await hub.query(token, query);
    expect(nonConformities(supergraph, parse(query), body.data)).toEqual([]);
    expect(body).toEqual({
      data: { beneficiary: null },
      errors: [outOfReach(['beneficiary']), forbidden(['beneficiary', 'judicialMeasures'], Domain.JUDICIAL)],
    });
  });
});
