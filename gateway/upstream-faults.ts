import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, parse } from 'graphql';
import { setMaxListeners } from 'node:events';

/** The code of the error a caller gets at the paths a subgraph could not serve (down, slow, or answering garbage). */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/**
 * Where an `_entities` call's missing data sits, in the subgraph's own terms: `['_entities', i, field]` for each
 * representation and each field asked of its type. The Rust planner relocates such paths to the entity's place in the
 * answer (`caseload.3.leases`); an error without a path it would set at the parent list (`caseload`). None for a
 * root-field call or a body that cannot be read (the error then has no path).
 */
function entityErrorPaths(body: unknown): Array<Array<string | number>> {
  try {
    const { query, variables } = JSON.parse(String(body)) as {
      query?: string;
      variables?: { representations?: Array<{ __typename?: string }> };
    };
    const representations = variables?.representations;
    if (!query || !Array.isArray(representations)) return [];
    const operation = parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const entities =
      operation?.kind === Kind.OPERATION_DEFINITION
        ? operation.selectionSet.selections.find((f) => f.kind === Kind.FIELD && f.name.value === '_entities')
        : undefined;
    const fieldsOf = new Map<string, string[]>();
    for (const fragment of entities?.kind === Kind.FIELD ? (entities.selectionSet?.selections ?? []) : []) {
      if (fragment.kind !== Kind.INLINE_FRAGMENT || !fragment.typeCondition) continue;
      const names = fragment.selectionSet.selections.flatMap((f) =>
        f.kind === Kind.FIELD && f.name.value !== '__typename' ? [f.alias?.value ?? f.name.value] : [],
      );
      fieldsOf.set(fragment.typeCondition.name.value, [
        ...(fieldsOf.get(fragment.typeCondition.name.value) ?? []),
        ...names,
      ]);
    }
    return representations.flatMap((r, i) =>
      (fieldsOf.get(String(r?.__typename)) ?? []).map((field) => ['_entities', i, field]),
    );
  } catch {
    return [];
  }
}

/**
 * The runtime's own fetch API (the @whatwg-node ponyfill): its Response is far cheaper than undici's web-stream one.
 */
type FetchAPI = { Response: typeof Response };

function unavailable(
  fetchAPI: FetchAPI,
  service: string,
  reason: string,
  paths: Array<Array<string | number>> = [],
): Response {
  const error = (path?: Array<string | number>) => ({
    message: `Le service ${service} est indisponible (${reason}) ; réessayez plus tard. / The ${service} service is unavailable (${reason}); retry later.`,
    ...(path ? { path } : {}),
    extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: service, retryable: true },
  });
  const body = { data: null, errors: paths.length ? paths.map(error) : [error()] };
  return new fetchAPI.Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function sameEndpoint(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/**
 * Subgraph faults become partial answers, never a failed request:
 * - each subgraph call gets `timeoutMs` for its whole answer (headers and body); past it, or when the connection is
 *   refused or dropped, or when the answer is not GraphQL JSON (a proxy's 502 page), the gateway receives a GraphQL
 *   error `SUBGRAPH_UNAVAILABLE` (serviceName, retryable) in place of that subgraph's data, so the other subgraphs'
 *   data is served and the error sits at the missing paths, with HTTP 200;
 * - a subgraph's JSON error answer with a 5xx status (e.g. 503 while it drains) is passed on as GraphQL errors;
 * - upstream request details (`extensions.request`/`response`: URL, body with the caller's claims in the gateway's
 *   signature and grant) never reach the caller.
 * The runtime's own `upstreamTimeout` is not used: it fails the whole request with a 504 and data: null.
 */
export function useUpstreamFaults(opts: {
  timeoutMs: number;
  subgraphUrls: Record<string, string>;
  /**
   * Give an unavailable `_entities` call's errors their per-entity paths (entityErrorPaths): what the Rust planner
   * needs to place them; the JS planner places a path-less error itself, and recodes errors that come with paths.
   */
  entityPaths?: boolean;
}): GatewayPlugin {
  const pathsOf = (body: unknown) => (opts.entityPaths ? entityErrorPaths(body) : []);
  // The subgraph's name, never its address (the caller has no business knowing the internal network).
  const nameOf = (url: string, subgraphName?: string): string =>
    subgraphName ??
    Object.entries(opts.subgraphUrls).find(([, u]) => sameEndpoint(u, url))?.[0] ??
    'partenaire / partner';
  let fetchAPI: FetchAPI = { Response };
  const widened = new WeakSet<AbortSignal>();
  return {
    onYogaInit({ yoga }) {
      fetchAPI = yoga.fetchAPI;
    },
    onFetch({ url, executionRequest, fetchFn, setFetchFn }) {
      const service = nameOf(url, executionRequest?.subgraphName);
      setFetchFn(async (input, init, ...rest) => {
        // One controller per call, aborted by the timeout or by the caller's request going away; the timer is cleared
        // as soon as the answer is read (AbortSignal.timeout + AbortSignal.any kept two signals and a live timer per
        // call until it fired, UPSTREAM_TIMEOUT_MS later).
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, opts.timeoutMs);
        const outer = init?.signal as AbortSignal | undefined;
        const onOuterAbort = () => controller.abort(outer?.reason);
        if (outer?.aborted) onOuterAbort();
        else if (outer) {
          // The runtime hands concurrent calls the same signal: each call's listener is removed when it ends, so past
          // ten concurrent calls Node's "possible memory leak" warning is wrong (it printed in the concurrency tests).
          if (!widened.has(outer)) {
            widened.add(outer);
            setMaxListeners(0, outer);
          }
          outer.addEventListener('abort', onOuterAbort, { once: true });
        }
        let status: number;
        let headers: Response['headers'];
        let text: string;
        let streaming = false;
        try {
          const response = await fetchFn(input, { ...init, signal: controller.signal }, ...(rest as []));
          status = response.status;
          headers = response.headers as unknown as Response['headers'];
          // A subscription's event stream (live notifications): bounded by the caller, not by the timeout; it stays
          // tied to the caller's request, whose end aborts it.
          if (status === 200 && headers.get('content-type')?.includes('text/event-stream')) {
            streaming = true;
            return response;
          }
          text = await response.text();
        } catch {
          return unavailable(
            fetchAPI,
            service,
            timedOut ? `no answer within ${opts.timeoutMs} ms` : 'unreachable',
            pathsOf(init?.body),
          );
        } finally {
          clearTimeout(timer);
          if (!streaming) outer?.removeEventListener('abort', onOuterAbort);
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const isGraphql = !!parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed);
        if (!isGraphql) return unavailable(fetchAPI, service, `HTTP ${status}`, pathsOf(init?.body));
        if (status >= 500) status = 200; // a GraphQL answer: let its errors through at their paths
        return new fetchAPI.Response(text, { status, headers }) as never;
      });
    },
    onExecute() {
      return {
        onExecuteDone({ result }) {
          const results = (Symbol.asyncIterator in Object(result) ? [] : [result]) as Array<{
            errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>;
          }>;
          for (const r of results)
            for (const e of r.errors ?? [])
              if (e.extensions) {
                delete e.extensions.request;
                delete e.extensions.response;
              }
        },
      };
    },
  };
}
