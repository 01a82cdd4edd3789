import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { trace } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import { HubMetrics } from '../../subgraphs/kit/runtime/metrics';
import { endSpan, extractContext, Span, SpanKind, traceHeaders, tracer } from '../../subgraphs/kit/runtime/tracing';

interface RequestState {
  span: Span;
  start: number;
  /** The metrics label: a trusted document's operation name, `anonymous` or `unregistered` (bounded). */
  operation: string;
  /** The span name: the operation name the caller sent (checked), a trace being one request, not a series. */
  name: string;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The operation name a request states, for its spans: checked, else `anonymous` / `invalid`. */
function spanOperationName(query: unknown, operationName: unknown): string {
  const name =
    typeof operationName === 'string' && operationName !== ''
      ? operationName
      : typeof query === 'string'
        ? /^\s*(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1]
        : undefined;
  if (name === undefined) return 'anonymous';
  return OPERATION_NAME.test(name) ? name : 'invalid';
}

/**
 * Traces and metrics at the gateway (/metrics is served on its own port: metrics-server.ts). One server span per
 * GraphQL request (continuing an incoming `traceparent`), one client span per subgraph fetch, whose W3C
 * `traceparent` goes to the subgraph with the request (the runtime already forwards `x-request-id`). Counts and
 * latencies per operation (the trusted documents' names), per subgraph.
 */
export function useObservability(
  metrics: HubMetrics,
  opts: {
    graphqlEndpoint: string;
    /** The label of a request's operation, from the trusted documents (bounded whatever callers send). */
    operationLabel: (query: unknown, operationName: unknown) => string;
  },
): GatewayPlugin {
  const requests = new WeakMap<Request, RequestState>();
  const stateOf = (context: unknown) => {
    const request = (context as { request?: Request } | undefined)?.request;
    return request ? requests.get(request) : undefined;
  };

  return {
    onRequest({ request, url }) {
      if (url.pathname !== opts.graphqlEndpoint) return;
      const span = tracer().startSpan(
        `gateway ${request.method} ${opts.graphqlEndpoint}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'masp.service': 'gateway', 'http.request.method': request.method, 'url.path': url.pathname },
        },
        extractContext(request.headers),
      );
      requests.set(request, { span, start: performance.now(), operation: 'unknown', name: 'unknown' });
    },
    onParams({ params, request }) {
      const state = requests.get(request);
      if (!state) return;
      // after the runtime's persisted-documents plugin: a document sent by id has its text here
      state.operation = opts.operationLabel(params.query, params.operationName);
      state.name = spanOperationName(params.query, params.operationName);
      state.span.setAttribute('graphql.operation.name', state.name);
      state.span.updateName(`gateway ${state.name}`);
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const state = stateOf(executionRequest.context);
      const operation = state?.operation ?? 'unknown';
      const start = performance.now();
      return ({ result }) => {
        const errors = 'errors' in result && Array.isArray(result.errors) && result.errors.length > 0;
        metrics.subgraphRequests.inc({ subgraph: subgraphName, operation, outcome: errors ? 'error' : 'ok' });
        metrics.subgraphDuration.observe({ subgraph: subgraphName, operation }, (performance.now() - start) / 1000);
      };
    },
    onFetch({ context, executionRequest, options, setOptions }) {
      const state = stateOf(context);
      if (!state) return;
      const subgraph = executionRequest?.subgraphName ?? 'unknown';
      const span = tracer().startSpan(
        `subgraph fetch ${subgraph}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'masp.service': 'gateway',
            'masp.subgraph': subgraph,
            'graphql.operation.name': state.name,
          },
        },
        trace.setSpan(extractContext({}), state.span),
      );
      setOptions({
        ...options,
        headers: { ...(options.headers as Record<string, string> | undefined), ...traceHeaders(span) },
      });
      return ({ response }) => {
        span.setAttribute('http.response.status_code', response.status);
        endSpan(span, response.status >= 500 ? `HTTP ${response.status}` : undefined);
      };
    },
    onResponse({ request, response }) {
      const state = requests.get(request);
      if (!state) return;
      requests.delete(request);
      metrics.requests.inc({ operation: state.operation, status: String(response.status) });
      metrics.requestDuration.observe({ operation: state.operation }, (performance.now() - state.start) / 1000);
      state.span.setAttribute('http.response.status_code', response.status);
      endSpan(state.span, response.status >= 500 ? `HTTP ${response.status}` : undefined);
    },
  };
}

/**
 * Wraps the policy filter's `validateUser` so that each refused field increments `masp_policy_denials_total{domain}`
 * (the filter itself stays untouched: gateway/policy/field-filter.ts decides, this only counts).
 */
export function countDenial(metrics: HubMetrics, error: GraphQLError): void {
  metrics.denials.inc({ domain: String(error.extensions?.domain ?? 'UNCLASSIFIED') });
}

export function countDenials<T extends object>(filter: T, metrics: HubMetrics): T {
  const validate = (filter as { validateUser?: (...args: unknown[]) => unknown }).validateUser;
  if (!validate) return filter;
  return {
    ...filter,
    validateUser(...args: unknown[]) {
      const count = (error: GraphQLError | undefined) => {
        if (error) countDenial(metrics, error);
        return error;
      };
      const result = validate.apply(filter, args) as GraphQLError | undefined | Promise<GraphQLError | undefined>;
      return result instanceof Promise ? result.then(count) : count(result);
    },
  };
}
