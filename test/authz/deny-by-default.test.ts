import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { Domain, domainScope, requiresScopesSdl } from '../../schema/policy';
import { buildFederatedSchema } from '../../subgraphs/kit/schema/build-federated-schema';
import { ClassifiedField } from '../../subgraphs/kit/schema/classified';
import { Public } from '../../subgraphs/kit/schema/public';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Deny by default: a field is served only if it is classified and the caller holds its domain, or public (a root
 * field without @requiresScopes, or a field tagged `@tag(name: "public")` where it is declared, kit `@Public()`).
 * A field that is neither is refused by the subgraph's shield and by the gateway.
 */

@ObjectType('Probe')
class Probe {
  @Public()
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Neither classified nor public.' })
  note!: string;

  @ClassifiedField(Domain.AUDIT, () => String)
  audited!: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => Probe)
  probe(): Probe {
    return { id: 'p-1', note: 'not for release', audited: 'for AUDIT' };
  }

  @Directive(requiresScopesSdl(Domain.AUDIT))
  @Query(() => String, { nullable: true })
  auditedEntry(): string {
    return 'entry for AUDIT';
  }
}

const NOT_CLASSIFIED = 'Accès refusé : champ non classé. / Access denied: this field is not classified for release.';
const errorsOf = (result: {
  errors?: readonly { path?: readonly (string | number)[]; message: string; extensions?: Record<string, unknown> }[];
}) =>
  (result.errors ?? []).map((e) => ({
    path: e.path?.join('.'),
    message: e.message,
    code: e.extensions?.code,
    domain: e.extensions?.domain,
  }));

describe('authz › deny by default › a subgraph (kit shield)', () => {
  const run = async (scopes: string[]) => {
    const { schema, sdl } = await buildFederatedSchema({ resolvers: [ProbeResolver] });
    const result = await execute({
      schema,
      document: parse('{ probe { id note audited } auditedEntry }'),
      contextValue: { caller: { scopes } },
    });
    return { sdl, result: result as { data?: any; errors?: any[] } };
  };

  it('tags a @Public() field in the subgraph SDL, and only it', async () => {
    const { sdl } = await run([]);
    expect(sdl).toContain('id: ID! @tag(name: "public")');
    expect(sdl.match(/@tag\(/g)).toHaveLength(1);
  });

  it('serves the public field and the root field, refuses the field that is neither classified nor public', async () => {
    const { result } = await run([domainScope(Domain.AUDIT)]);
    expect(result.data).toEqual({
      probe: { id: 'p-1', note: null, audited: 'for AUDIT' },
      auditedEntry: 'entry for AUDIT',
    });
    expect(errorsOf(result)).toEqual([
      { path: 'probe.note', message: NOT_CLASSIFIED, code: 'FORBIDDEN', domain: undefined },
    ]);
  });

  it('a root field with @requiresScopes is not public: refused without its domain', async () => {
    const { result } = await run([]);
    expect(result.data).toEqual({ probe: { id: 'p-1', note: null, audited: null }, auditedEntry: null });
    expect(errorsOf(result).map((e) => [e.path, e.code, e.domain])).toEqual(
      expect.arrayContaining([
        ['probe.note', 'FORBIDDEN', undefined],
        ['probe.audited', 'FORBIDDEN', Domain.AUDIT],
        ['auditedEntry', 'FORBIDDEN', Domain.AUDIT],
      ]),
    );
    expect(result.errors).toHaveLength(3);
  });
});

describe('authz › deny by default › the gateway', () => {
  let hub: TestHub;
  let untagged: GatewayRuntime;
  const supergraph = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');

  /** The supergraph with `Type.field`'s public tag taken out, as if someone had forgotten `@Public()`. */
  const withoutTag = (type: string, field: string) => {
    const start = supergraph.indexOf(`\ntype ${type} `);
    const end = supergraph.indexOf('\n}', start);
    const block = supergraph.slice(start, end);
    const edited = block.replace(new RegExp(`(\\n  ${field}:[^\\n]*?) @tag\\(name: "public"\\)`), '$1');
    if (start < 0 || edited === block) throw new Error(`${type}.${field} is not tagged public in the supergraph`);
    return supergraph.slice(0, start) + edited + supergraph.slice(end);
  };

  beforeAll(async () => {
    hub = await startTestHub();
    untagged = await createHubGateway(hub.config, {
      supergraph: withoutTag('JudicialMeasure', 'status'),
      verify: await createVerifier(hub.config),
    });
  });
  afterAll(async () => {
    await untagged?.dispose();
    await hub?.stop();
  });

  const ask = async (gateway: GatewayRuntime, query: string) => {
    const token = await hub.token(DEMO_CALLERS['MJPM (service mandataire)']);
    const res = await gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };

  it('serves a field the supergraph tags public', async () => {
    const body = await ask(hub.gateway, '{ myJudicialMeasures(first: 1) { id status } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.myJudicialMeasures[0]).toEqual({ id: expect.any(String), status: expect.any(String) });
  });

  it('refuses the same field once it is neither classified nor tagged, null up to the nearest nullable', async () => {
    // status is non-null: its refusal nulls the measure, a non-null item of a non-null list, hence the whole answer
    const body = await ask(untagged, '{ myJudicialMeasures(first: 1) { id status } }');
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message:
          "Accès refusé : JudicialMeasure.status n'est pas classé. / Access denied: JudicialMeasure.status is not classified.",
        path: ['myJudicialMeasures', 0, 'status'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('reads the tags but does not serve them: clients see no @tag directive', async () => {
    expect(supergraph).toContain('@tag(name: "public")');
    const body = await ask(hub.gateway, '{ __schema { directives { name } } }');
    expect(body.data.__schema.directives.map((d: { name: string }) => d.name)).not.toContain('tag');
  });
});
