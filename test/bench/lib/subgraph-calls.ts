/**
 * What the gateway sends to each subgraph, captured and replayed directly (signed like the gateway signs), at any list
 * size. Used by the statement-count test (npm test) and by the benchmark (npm run bench).
 */
import {
  buildASTSchema,
  getNamedType,
  GraphQLObjectType,
  Kind,
  parse,
  print,
  SelectionSetNode,
  OperationDefinitionNode,
  FieldNode,
} from 'graphql';
import type { CallerClaims } from '../../../schema/caller';
import {
  GatewaySigner,
  GRANT_EXTENSION,
  REGISTRY_SUBGRAPH,
  SIGNATURE_EXTENSION,
  signRegistryGrant,
  signRequest,
} from '../../../schema/upstream-signature';

/**
 * The body of a subgraph request signed exactly as the gateway signs it for `subgraph` (its JWS, and a registry grant
 * for a partner), with the gateway's key.
 */
export function signedSubgraphBody(
  signer: GatewaySigner,
  subgraph: string,
  claims: CallerClaims,
  query: string,
  variables?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    query,
    ...(variables && Object.keys(variables).length ? { variables } : {}),
    extensions: {
      [SIGNATURE_EXTENSION]: signRequest(signer, subgraph, claims, { query, variables }),
      ...(subgraph !== REGISTRY_SUBGRAPH ? { [GRANT_EXTENSION]: signRegistryGrant(signer, subgraph, claims) } : {}),
    },
  };
}

/** POSTs a signed request to a subgraph's URL. */
export async function callSubgraph(
  url: string,
  signer: GatewaySigner,
  subgraph: string,
  claims: CallerClaims,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signedSubgraphBody(signer, subgraph, claims, query, variables)),
  });
  return { status: res.status, body: await res.json() };
}

export interface SubgraphCall {
  subgraph: string;
  query: string;
}

/** The named type a root Query field returns, read from the supergraph. */
export function rootFieldTypes(supergraphSdl: string): (field: string) => string | undefined {
  const schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const query = schema.getQueryType() as GraphQLObjectType;
  return (field) => {
    const f = query.getFields()[field];
    return f ? getNamedType(f.type).name : undefined;
  };
}

/**
 * Turns one captured subgraph query into an `_entities` query over representations of one type, with the same
 * selection: a root list query (`caseload(first: 100) { … }`) becomes `_entities(representations: $representations)
 * { ... on Beneficiary { … } }`, so that a list longer than a page (MAX_PAGE_SIZE) can be asked of the subgraph in one
 * request, as the gateway would ask it for nested entities. Returns undefined when the selection itself uses variables.
 */
export function asEntitiesQuery(
  query: string,
  typeOfRoot: (field: string) => string | undefined,
): { query: string; typename: string } | undefined {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.selectionSet.selections.length !== 1) return undefined;
  const root = op.selectionSet.selections[0] as FieldNode;
  if (root.kind !== Kind.FIELD || !root.selectionSet) return undefined;
  if (root.name.value === '_entities') {
    const inline = root.selectionSet.selections.filter((s) => s.kind === Kind.INLINE_FRAGMENT);
    const typenames = [
      ...new Set(inline.map((s) => (s.kind === Kind.INLINE_FRAGMENT ? s.typeCondition?.name.value : undefined))),
    ];
    const others = (op.variableDefinitions ?? []).filter((v) => v.variable.name.value !== 'representations');
    if (typenames.length !== 1 || !typenames[0] || others.length) return undefined;
    return { query, typename: typenames[0] };
  }
  const typename = typeOfRoot(root.name.value);
  const selection: SelectionSetNode = root.selectionSet;
  // the root field's own arguments (hoisted by the planner into variables: first, after) are dropped with it
  if (!typename || print(selection).includes('$')) return undefined;
  return {
    typename,
    query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} ${print(selection)} } }`,
  };
}
