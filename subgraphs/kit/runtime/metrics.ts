import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Pools reported by the `masp_db_pool_connections` gauge (pg Pool's counters). */
interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** A producer's outbox backlog, read at scrape (subgraphs/kit/events/backlog.ts). */
export interface EventsBacklogLike {
  byConsumer: Record<string, number>;
  oldestSeconds: number;
  deadLetters: number;
}

const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The hub's Prometheus metrics, one registry per process (the gateway serves it at /metrics; in `npm start` and the
 * tests the subgraphs share the process, so their pools show there too). Label values are bounded: operation names
 * are checked and capped (a client chooses them), subgraphs and domains come from the supergraph and the policy.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly pools = new Map<string, PoolLike>();
  private readonly operations = new Set<string>();
  private readonly backlogs = new Map<string, () => Promise<EventsBacklogLike>>();

  readonly requests = new Counter({
    name: 'masp_gateway_requests_total',
    help: 'GraphQL requests answered by the gateway, per operation name and HTTP status.',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'masp_gateway_request_duration_seconds',
    help: 'Latency of GraphQL requests at the gateway, per operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly subgraphRequests = new Counter({
    name: 'masp_subgraph_requests_total',
    help: 'Requests from the gateway to each subgraph, per operation name and outcome (ok, error).',
    labelNames: ['subgraph', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly subgraphDuration = new Histogram({
    name: 'masp_subgraph_request_duration_seconds',
    help: 'Latency of each subgraph fetch seen from the gateway, per subgraph and operation name.',
    labelNames: ['subgraph', 'operation'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly policyFilterCache = new Counter({
    name: 'masp_policy_filter_cache_total',
    help: 'Policy filter runs at the gateway: hit = the filtered document of an earlier identical request (same text, same scope set) reused, miss = filtered afresh.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly denials = new Counter({
    name: 'masp_policy_denials_total',
    help: 'Fields refused by the gateway policy filter (secret partagé), per classification domain (UNCLASSIFIED: not listed).',
    labelNames: ['domain'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const pools = this.pools;
    new Gauge({
      name: 'masp_db_pool_connections',
      help: 'PostgreSQL pool connections per subgraph: total, idle, and requests waiting for one.',
      labelNames: ['subgraph', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [subgraph, pool] of pools) {
          this.set({ subgraph, state: 'total' }, pool.totalCount);
          this.set({ subgraph, state: 'idle' }, pool.idleCount);
          this.set({ subgraph, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
    // The events backlog (issue 17), read from each producer's worker tables at scrape; one read per subgraph.
    const backlogs = this.backlogs;
    const reads = new Map<string, Promise<EventsBacklogLike | undefined>>();
    const read = (subgraph: string, source: () => Promise<EventsBacklogLike>) => {
      let p = reads.get(subgraph);
      if (!p) {
        p = source().catch(() => undefined);
        reads.set(subgraph, p);
        void p.finally(() => setTimeout(() => reads.delete(subgraph), 50));
      }
      return p;
    };
    new Gauge({
      name: 'masp_events_pending',
      help: 'Events a subgraph produced and has not delivered yet (its outbox), per consumer.',
      labelNames: ['subgraph', 'consumer'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [subgraph, source] of backlogs) {
          const b = await read(subgraph, source);
          for (const [consumer, n] of Object.entries(b?.byConsumer ?? {})) this.set({ subgraph, consumer }, n);
        }
      },
    });
    new Gauge({
      name: 'masp_events_oldest_pending_seconds',
      help: 'Age of the oldest event a subgraph has not delivered yet (0: none pending).',
      labelNames: ['subgraph'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [subgraph, source] of backlogs) {
          const b = await read(subgraph, source);
          if (b) this.set({ subgraph }, b.oldestSeconds);
        }
      },
    });
    new Gauge({
      name: 'masp_events_dead_letters',
      help: 'Events a consumer refused for good (4xx), kept by their producer and never retried.',
      labelNames: ['subgraph'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [subgraph, source] of backlogs) {
          const b = await read(subgraph, source);
          if (b) this.set({ subgraph }, b.deadLetters);
        }
      },
    });
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'masp_' });
  }

  /** A bounded label for a client-chosen operation name. */
  operationLabel(name: unknown): string {
    if (typeof name !== 'string' || name === '') return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  registerPool(subgraph: string, pool: PoolLike): void {
    this.pools.set(subgraph, pool);
  }

  unregisterPool(subgraph: string, pool?: PoolLike): void {
    if (!pool || this.pools.get(subgraph) === pool) this.pools.delete(subgraph);
  }

  /** A producer's backlog, read at each scrape while its events worker runs. */
  registerEventsBacklog(subgraph: string, read: () => Promise<EventsBacklogLike>): void {
    this.backlogs.set(subgraph, read);
  }

  unregisterEventsBacklog(subgraph: string, read?: () => Promise<EventsBacklogLike>): void {
    if (!read || this.backlogs.get(subgraph) === read) this.backlogs.delete(subgraph);
  }
}

let shared: HubMetrics | undefined;
/** The process's metrics (created on first use). */
export function hubMetrics(): HubMetrics {
  shared ??= new HubMetrics();
  return shared;
}
