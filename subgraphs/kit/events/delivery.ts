import type { JobHelpers, Task } from 'graphile-worker';
import { CompactSign, KeyLike } from 'jose';
import { readFileSync } from 'node:fs';
import type { PartnerName } from '../../../schema/events';
import { SUPERGRAPH_PATH, supergraphEndpoints } from '../../../schema/supergraph';
import { envOptional, envString, envUrl } from '../runtime/env';
import type { Logger } from '../runtime/logger';
import { EVENT_JWS_TYPE, SignedEventPayload } from './inbox';
import { EVENTS_ALG } from './keys';
import type { DeliveryJob } from './outbox';

/** Signs one event for one consumer: a compact JWS (ES256, kid = the producer), `aud` = the consumer. */
export async function signEvent(job: DeliveryJob, signingKey: KeyLike): Promise<string> {
  const payload: SignedEventPayload = { ...job.event, aud: job.to };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: EVENTS_ALG, kid: job.event.producer, typ: EVENT_JWS_TYPE })
    .sign(signingKey);
}

/** A consumer's `/events` endpoint: the same server and port as its GraphQL endpoint. */
export const eventsUrlOf = (graphqlUrl: string): string => new URL('/events', graphqlUrl).toString();

/**
 * The partners' GraphQL URLs as the gateway knows them: `<NAME>_URL`, else the routing URL of the supergraph
 * (SUPERGRAPH_PATH, default schema/supergraph.graphql).
 */
export function partnerUrlsFromEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  const path = envString('SUPERGRAPH_PATH', { env, default: SUPERGRAPH_PATH });
  const urls = supergraphEndpoints(readFileSync(path, 'utf8'));
  for (const name of Object.keys(urls)) {
    const variable = `${name.toUpperCase()}_URL`;
    if (envOptional(variable, env)) urls[name] = envUrl(variable, { env, protocols: ['http:', 'https:'] });
  }
  return urls;
}

export interface DeliveryOptions {
  /** This subgraph's PostgreSQL schema: its dead letters go to `<schema>.event_dead_letter`. */
  schema: string;
  signingKey: KeyLike;
  /** The consumer's GraphQL URL (its `/events` is beside it); undefined while unknown (the delivery is retried). */
  consumerUrl(to: PartnerName): string | undefined;
  log: Logger;
  /** How long a consumer may take to answer (ms). */
  timeoutMs?: number;
}

/** Statuses a consumer sends when it may accept later: retried like a 5xx. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/**
 * The task `deliver_event`: POSTs the signed event to the consumer's `/events`. 2xx: delivered. 4xx: refused for good,
 * recorded as a dead letter and not retried. 5xx, timeout or network error: throws, and graphile-worker retries with
 * its exponential backoff (while the consumer is down, and after it restarts). Logs name the event, never its data.
 */
export function createDeliveryTask(opts: DeliveryOptions): Task {
  return async (payload: unknown, helpers: JobHelpers) => {
    const job = payload as DeliveryJob;
    const where = { type: job.event.type, eventId: job.event.id, consumer: job.to, attempt: helpers.job.attempts };
    const base = opts.consumerUrl(job.to);
    if (!base) throw new Error(`no URL known for the consumer ${job.to}`);
    const jws = await signEvent(job, opts.signingKey);
    let res: Response;
    try {
      res = await fetch(eventsUrlOf(base), {
        method: 'POST',
        headers: { 'content-type': 'application/jose' },
        body: jws,
        signal: AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 10_000), helpers.abortSignal]),
      });
    } catch (err) {
      opts.log.warn({ ...where, reason: (err as Error)?.name }, 'event delivery failed: will retry');
      throw new Error(`consumer ${job.to} unreachable (${(err as Error)?.name})`);
    }
    const answer = await res.text().catch(() => '');
    if (res.ok) {
      opts.log.info(where, 'event delivered');
      return;
    }
    if (res.status >= 400 && res.status < 500 && !RETRYABLE_4XX.has(res.status)) {
      let code = 'UNKNOWN';
      try {
        code = String((JSON.parse(answer) as { code?: string }).code ?? code);
      } catch {
        // a consumer that answers something else than its JSON outcome
      }
      opts.log.error({ ...where, status: res.status, code }, 'event refused by its consumer: dead letter');
      await helpers.query(
        `INSERT INTO "${opts.schema}".event_dead_letter (event_id, consumer, type, status, reason, job)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (event_id, consumer) DO NOTHING`,
        [job.event.id, job.to, job.event.type, res.status, code, JSON.stringify(job)],
      );
      return;
    }
    opts.log.warn({ ...where, status: res.status }, 'event not accepted yet: will retry');
    throw new Error(`consumer ${job.to} answered ${res.status}`);
  };
}
