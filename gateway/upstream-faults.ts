import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The code of the error a caller gets at the paths a subgraph could not serve (down, slow, or answering garbage). */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

function unavailable(service: string, reason: string): Response {
  const body = {
    data: null,
    errors: [
      {
        message: `Le service ${service} est indisponible (${reason}) ; réessayez plus tard. / The ${service} service is unavailable (${reason}); retry later.`,
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: service, retryable: true },
      },
    ],
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
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
 * - upstream request details (`extensions.request`/`response`: URL, body with the caller's claims and the HMAC
 *   signature) never reach the caller.
 * The runtime's own `upstreamTimeout` is not used: it fails the whole request with a 504 and data: null.
 */
export function useUpstreamFaults(opts: { timeoutMs: number; subgraphUrls: Record<string, string> }): GatewayPlugin {
  // The subgraph's name, never its address (the caller has no business knowing the internal network).
  const nameOf = (url: string, subgraphName?: string): string =>
    subgraphName ?? Object.entries(opts.subgraphUrls).find(([, u]) => sameEndpoint(u, url))?.[0] ?? 'partenaire / partner';
  return {
    onFetch({ url, executionRequest, fetchFn, setFetchFn }) {
      const service = nameOf(url, executionRequest?.subgraphName);
      setFetchFn(async (input, init, ...rest) => {
        const timeout = AbortSignal.timeout(opts.timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal as AbortSignal, timeout]) : timeout;
        let status: number;
        let headers: Headers;
        let text: string;
        try {
          const response = await fetchFn(input, { ...init, signal }, ...(rest as []));
          status = response.status;
          headers = new Headers(response.headers as unknown as HeadersInit);
          text = await response.text();
        } catch {
          return unavailable(service, timeout.aborted ? `no answer within ${opts.timeoutMs} ms` : 'unreachable');
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const isGraphql = !!parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed);
        if (!isGraphql) return unavailable(service, `HTTP ${status}`);
        if (status >= 500) status = 200; // a GraphQL answer: let its errors through at their paths
        return new Response(text, { status, headers }) as never;
      });
    },
    onExecute() {
      return {
        onExecuteDone({ result }) {
          const results = (Symbol.asyncIterator in Object(result) ? [] : [result]) as Array<{ errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }>;
          for (const r of results) for (const e of r.errors ?? []) if (e.extensions) {
            delete e.extensions.request;
            delete e.extensions.response;
          }
        },
      };
    },
  };
}
