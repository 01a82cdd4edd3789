import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Resource } from '@opentelemetry/resources';

export { SpanKind, SpanStatusCode };
export type { Span };

let provider: BasicTracerProvider | undefined;
let propagationReady = false;

/**
 * W3C trace context and AsyncLocalStorage context: always on (cheap), so a traceparent is passed along even untraced.
 */
function setupPropagation(): void {
  if (propagationReady) return;
  propagationReady = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export interface TracingOptions {
  serviceName?: string;
  /** Span processors to use instead of the OTLP exporter (tests: an in-memory exporter). */
  processors?: SpanProcessor[];
  env?: Record<string, string | undefined>;
}

/**
 * OpenTelemetry for this process. Spans are recorded only when there is somewhere to send them:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (OTLP over HTTP; the exporter reads the standard OTEL_* variables) or `processors`.
 * Returns whether spans are recorded. Safe to call more than once (first call wins).
 */
export function setupTracing(opts: TracingOptions = {}): boolean {
  setupPropagation();
  if (provider) return true;
  const env = opts.env ?? process.env;
  const processors =
    opts.processors ??
    (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
      ? [new BatchSpanProcessor(new OTLPTraceExporter())]
      : []);
  if (processors.length === 0) return false;
  provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': opts.serviceName ?? env.OTEL_SERVICE_NAME ?? 'masp-hub' }),
  });
  for (const p of processors) provider.addSpanProcessor(p);
  trace.setGlobalTracerProvider(provider);
  return true;
}

/**
 * Flushes and stops the span processors (graceful shutdown): the batch processor holds spans for up to 5 s, and a
 * process that exits without this loses the last requests' traces. Bounded by `timeoutMs`, so that an unreachable
 * collector cannot hold the exit past the orchestrator's grace period.
 */
export async function shutdownTracing(timeoutMs = 5000): Promise<void> {
  if (!provider) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([provider.shutdown().catch(() => undefined), late]);
  clearTimeout(timer);
}

export const tracer = (): Tracer => trace.getTracer('masp-hub');

/** The context carried by W3C `traceparent`/`tracestate` headers (none: a new trace starts). */
export function extractContext(
  headers: Record<string, string | string[] | undefined> | Headers,
): ReturnType<typeof context.active> {
  const carrier: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    (headers as Headers).forEach((value, key) => {
      carrier[key] = value;
    });
  } else {
    for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>))
      if (typeof v === 'string') carrier[k] = v;
  }
  setupPropagation();
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** `traceparent` (and `tracestate`) headers for a call made under `span`. */
export function traceHeaders(span: Span): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier;
}

/** `traceparent` (and `tracestate`) headers for a call made now, under the active span (none outside a trace). */
export function activeTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

export function endSpan(span: Span, error?: unknown): void {
  if (error)
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}

/**
 * Runs `fn` inside a server span continuing the caller's trace (W3C headers); SQL spans and anything else traced
 * during `fn` become its children. The span ends when `fn` settles.
 */
export async function withServerSpan<T>(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Record<string, string>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = extractContext(headers);
  const span = tracer().startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  try {
    const result = await context.with(trace.setSpan(parent, span), () => fn(span));
    endSpan(span);
    return result;
  } catch (err) {
    endSpan(span, err);
    throw err;
  }
}
