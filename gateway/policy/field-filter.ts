/* eslint-disable @typescript-eslint/no-explicit-any --
   the runtime's plugin payloads and execution results are untyped JSON trees here. */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { LRUCache } from 'lru-cache';
import { useGenericAuth, type GenericAuthPluginOptions, type ValidateUserFnParams } from '@envelop/generic-auth';
import {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  parse,
  print,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { conformAnswer, noteRefusals } from '../response-shape';
import type { Caller } from '../../schema/caller';
import { domainOfScope, isPublicField, isTaggedPublic } from '../../schema/policy';
import { callerOf } from '../auth/authenticate.plugin';

/** Where a denied field stands in the answer. The runtime marks list levels with '@'; they carry no index. */
const responsePath = (path: ReadonlyArray<string | number>) => path.filter((p) => p !== '@');

/** The supergraph's public fields, and the supergraph the runtime serves. */
export interface PublicTags {
  /**
   * `Type.field` of every field the supergraph tags `@tag(name: "public")` (each subgraph tags its own, kit
   * `@Public()`).
   */
  publicFields: ReadonlySet<string>;
  /**
   * The same supergraph without its `@tag`s: they are read here, and the API schema (introspection) stays as it was.
   */
  supergraph: string;
}

/** `@link(url: "https://specs.apollo.dev/tag/v0.3")` on the supergraph's schema definition. */
const isTagLink = (node: DirectiveNode) =>
  node.name.value === 'link' &&
  !!node.arguments?.some(
    (a) => a.name.value === 'url' && /\/\/specs\.apollo\.dev\/tag\//.test(String(valueFromASTUntyped(a.value))),
  );

/** Reads the public fields from the supergraph's `@tag(name: "public")` directives, then takes the tags out of it. */
export function readPublicTags(supergraphSdl: string): PublicTags {
  const publicFields = new Set<string>();
  const stripped = visit(parse(supergraphSdl), {
    FieldDefinition(node, _key, _parent, _path, ancestors) {
      const owner = ancestors[ancestors.length - 1] as { name?: { value: string } } | undefined;
      if (isTaggedPublic(node) && owner?.name) publicFields.add(`${owner.name.value}.${node.name.value}`);
    },
    Directive: (node) => (node.name.value === 'tag' || isTagLink(node) ? null : undefined),
    DirectiveDefinition: (node) => (node.name.value === 'tag' ? null : undefined),
  });
  return { publicFields, supergraph: print(stripped) };
}

/**
 * The secret partagé at the gateway, with the runtime's generic-auth in its granular mode: before planning, every
 * field whose @requiresScopes domain the caller's role lacks is removed from the operation (so it never reaches a
 * subgraph) and answered with FORBIDDEN + its domain at its path, null as GraphQL's null propagation says (a
 * non-null field nulls its parent up to the nearest nullable position: response-shape.ts); the rest of the answer
 * is served. Deny by default: an unclassified field is refused too unless it is public (schema/policy.ts: a root
 * field, or one of the supergraph's `publicFields`, see readPublicTags).
 */
export function policyFilter(
  publicFields: ReadonlySet<string>,
): GenericAuthPluginOptions<Caller, { request?: Request }> {
  return {
    mode: 'protect-granular',
    rejectUnauthenticated: false,
    resolveUserFn: (context) => callerOf(context.request) ?? null,
    extractScopes: (caller: Caller) => caller?.scopes ?? [],
    validateUser({ fieldScopes, userScopes, parentType, field, fieldNode, path }: ValidateUserFnParams<Caller>) {
      if (fieldScopes?.length) {
        if (fieldScopes.some((group) => group.every((scope) => userScopes.includes(scope)))) return undefined;
        const domain = domainOfScope(fieldScopes[0][0]) ?? fieldScopes[0][0];
        return new GraphQLError(
          `Accès refusé : le domaine ${domain} n'est pas accordé à votre rôle. / Access denied: your role does not hold the ${domain} domain.`,
          { nodes: fieldNode, path: responsePath(path), extensions: { code: 'FORBIDDEN', domain } },
        );
      }
      if (isPublicField(parentType.name, publicFields.has(`${parentType.name}.${field.name}`))) return undefined;
      return new GraphQLError(
        `Accès refusé : ${parentType.name}.${field.name} n'est pas classé. / Access denied: ${parentType.name}.${field.name} is not classified.`,
        {
          nodes: fieldNode,
          path: responsePath(path),
          extensions: { code: 'FORBIDDEN' },
        },
      );
    },
  };
}

type FilterEntry = { document: DocumentNode; errors: readonly GraphQLError[] };
type ExecutePayload = {
  args: {
    schema: object;
    document: DocumentNode;
    operationName?: string | null;
    variableValues?: Record<string, unknown> | null;
    contextValue: Record<string, unknown>;
  };
  setResultAndStopExecution: (result: unknown) => void;
};
type Plugin = GatewayPlugin & { onPluginInit?: (payload: any) => void; onExecute?: unknown };

/**
 * Scope sets remembered per (schema, parsed document): the matrix has a handful of roles, so this bound is never
 * reached in use.
 */
const SCOPE_SETS_PER_DOCUMENT = 32;

/**
 * Names of the variables that @skip / @include read in a document: the filter does not judge a skipped field, so their
 * values are part of the key.
 */
const directiveVariablesOf = (() => {
  const memo = new WeakMap<DocumentNode, readonly string[]>();
  return (document: DocumentNode): readonly string[] => {
    let names = memo.get(document);
    if (!names) {
      const found = new Set<string>();
      visit(document, {
        Directive(node) {
          if (node.name.value !== 'skip' && node.name.value !== 'include') return;
          for (const arg of node.arguments ?? []) if (arg.value.kind === Kind.VARIABLE) found.add(arg.value.name.value);
        },
      });
      names = [...found].sort();
      memo.set(document, names);
    }
    return names;
  };
})();

/** Stands in a selection the filter emptied: the parent is still fetched (its row reach, its list items). */
const PLACEHOLDER: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * The operation the gateway executes for the client's one: the refused fields taken out (they never reach a
 * subgraph), and a selection they emptied left with `__typename` in place of being dropped with its parent (what
 * generic-auth does): `beneficiary { measures { level } }` without `level` still fetches each measure, so that the
 * answer keeps the list and its items (gateway/response-shape.ts `conformAnswer` then puts the refusals in).
 */
function pruneRefused(document: DocumentNode, refusals: readonly GraphQLError[]): DocumentNode {
  const refused = new Set(refusals.flatMap((e) => e.nodes ?? []));
  return visit(document, {
    Field: (node) => (refused.has(node) ? null : undefined),
    SelectionSet: {
      leave: (node) => (node.selections.length ? undefined : { ...node, selections: [PLACEHOLDER] }),
    },
  });
}

/** Every field of the operation refused: nothing is left to plan (the Rust planner cannot parse an empty operation). */
const nothingLeft = (document: DocumentNode) =>
  !document.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.selectionSet.selections.some((s) => s !== PLACEHOLDER),
  );

/**
 * The execution of an operation with refused fields: the pruned document is executed, and the answer made the
 * client's operation's, refusals in place, by response-shape.ts (`useConformantAnswers`, last of the plugins); when
 * every field was refused, nothing is planned or executed and the answer is the refusals.
 */
function answerWithRefusals(
  payload: ExecutePayload,
  document: DocumentNode,
  { errors }: { errors: readonly GraphQLError[] },
) {
  const { args } = payload;
  const asked = {
    schema: args.schema as GraphQLSchema,
    document,
    operationName: args.operationName,
    variableValues: args.variableValues,
  };
  if (nothingLeft(args.document)) return payload.setResultAndStopExecution(conformAnswer(asked, { data: {} }, errors));
  noteRefusals(args, asked, errors);
  return undefined;
}

/**
 * generic-auth's granular filter (policyFilter above), with its result remembered: the same parsed document (Yoga's
 * parser cache hands back the same object for the same text) asked by a caller holding the same scope set gets the
 * SAME filtered DocumentNode and the same FORBIDDEN errors, so the planner's per-document plan cache hits instead of
 * planning a fresh document each time. The key is the schema, the document, the operation name, the caller's sorted
 * scopes and the values of the variables @skip/@include read — never the token or the caller's identity; the filter
 * decides from scopes alone (validateUser reads no other property of the caller).
 * `onCachedDenials` is told of the errors replayed from the cache (the denial counter of countDenials counts only
 * fresh filter runs).
 */
export function usePolicyFilter(
  options: GenericAuthPluginOptions<Caller, { request?: Request }>,
  hooks: {
    onCachedDenials?: (errors: readonly GraphQLError[]) => void;
    onLookup?: (outcome: 'hit' | 'miss') => void;
  } = {},
): Plugin {
  const extractScopes = (options as { extractScopes: (caller: Caller) => string[] }).extractScopes;
  const contextField = (options as { contextFieldName?: string }).contextFieldName ?? 'currentUser';
  const cache = new WeakMap<object, WeakMap<DocumentNode, LRUCache<string, FilterEntry>>>();
  const filtered = new WeakMap<object, GraphQLError[]>();

  const validate = (options as { validateUser: (params: ValidateUserFnParams<Caller>) => GraphQLError | undefined })
    .validateUser;
  const inner = useGenericAuth({
    ...options,
    validateUser(params: ValidateUserFnParams<Caller>) {
      const error = validate(params);
      const args = params.executionArgs as object;
      let errors = filtered.get(args);
      if (!errors) filtered.set(args, (errors = []));
      if (error) errors.push(error);
      return error;
    },
  } as GenericAuthPluginOptions<Caller, { request?: Request }>) as Plugin;

  const keyOf = (args: ExecutePayload['args']) => {
    const caller = args.contextValue[contextField] as Caller | null | undefined;
    const scopes = [...new Set(caller ? extractScopes(caller) : [])].sort();
    const directiveValues = directiveVariablesOf(args.document).map((name) => args.variableValues?.[name] ?? null);
    return JSON.stringify([args.operationName ?? null, scopes, directiveValues]);
  };

  /** The filter's run over one operation (`run`: generic-auth's onExecute or onSubscribe), remembered. */
  const cached = (payload: ExecutePayload, run: (payload: ExecutePayload) => unknown) => {
    const { args } = payload;
    const requested = args.document;
    let byDocument = cache.get(args.schema);
    if (!byDocument) cache.set(args.schema, (byDocument = new WeakMap()));
    let byKey = byDocument.get(args.document);
    const key = keyOf(args);
    const hit = byKey?.get(key);
    hooks.onLookup?.(hit ? 'hit' : 'miss');
    if (hit) {
      args.document = hit.document;
      if (!hit.errors.length) return undefined;
      hooks.onCachedDenials?.(hit.errors);
      return answerWithRefusals(payload, requested, hit);
    }
    let stopped = false;
    const result = run({
      ...payload,
      args,
      setResultAndStopExecution: (r: unknown) => ((stopped = true), payload.setResultAndStopExecution(r)),
    });
    // Remembered only when the filter really ran over this document (it always yields a new document).
    if (!stopped && args.document !== requested && filtered.has(args)) {
      const errors = Object.freeze([...filtered.get(args)!]);
      // generic-auth's document when nothing is refused; else the refused fields out, their parents kept
      const entry = { document: errors.length ? pruneRefused(requested, errors) : args.document, errors };
      if (!byKey) byDocument.set(requested, (byKey = new LRUCache({ max: SCOPE_SETS_PER_DOCUMENT })));
      byKey.set(key, entry);
      args.document = entry.document;
      // generic-auth's own merge of its errors (result hooks) is replaced by conformAnswer's
      if (errors.length) return answerWithRefusals(payload, requested, entry);
    }
    return result;
  };

  const withCache = (validation: Plugin): Plugin => {
    const execute = validation.onExecute as unknown as (payload: ExecutePayload) => unknown;
    const subscribe = (validation as { onSubscribe?: unknown }).onSubscribe as (payload: ExecutePayload) => unknown;
    return {
      ...validation,
      onExecute: (payload: ExecutePayload) => cached(payload, execute),
      // A subscription (live notifications) is filtered as a query is: same refusals, each result conformed by
      // response-shape.ts (useConformantAnswers' onSubscribe).
      ...(subscribe ? { onSubscribe: (payload: ExecutePayload) => cached(payload, subscribe) } : {}),
    } as Plugin;
  };

  return {
    ...inner,
    onPluginInit(payload) {
      return inner.onPluginInit?.({ ...payload, addPlugin: (plugin: Plugin) => payload.addPlugin(withCache(plugin)) });
    },
  };
}
