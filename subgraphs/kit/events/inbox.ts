import { GraphQLError } from 'graphql';
import { compactVerify, createLocalJWKSet, JSONWebKeySet } from 'jose';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { consumersOf, EVENT_ROUTES, EventType, PartnerEvent, PartnerName } from '../../../schema/events';
import { isUuid } from '../db/loaders';
import { ErrorCode } from '../rules/errors';
import type { Logger } from '../runtime/logger';
import type { EventHandler, EventHandlers } from './consumer';
import { EVENTS_ALG } from './keys';

/** What the producer signs: the event, and the one consumer it is for. */
export interface SignedEventPayload extends PartnerEvent {
  aud: PartnerName;
}

/** The JWS `typ` of an event (the producer sets it; a token of another kind signed with the same key is refused). */
export const EVENT_JWS_TYPE = 'masp-event+jws';

/** A body is one compact JWS of one event: small. */
export const EVENT_MAX_BODY_BYTES = 256 * 1024;

/** How a consumer answers a delivery: the HTTP status says whether the producer retries (5xx) or gives up (4xx). */
export interface EventOutcome {
  status: number;
  body: { status: 'applied' | 'duplicate' | 'refused' | 'unavailable'; code?: string; rule?: string };
}

/** What a subgraph's `/events` endpoint needs. */
export interface EventsEndpointOptions {
  /** This subgraph, the `aud` every event must name. */
  partner: PartnerName;
  /** Every partner's public events key (kid = partner name): PARTNER_EVENTS_JWKS. */
  jwks: JSONWebKeySet;
  /** The subgraph's handlers (its definition's `consumes`). */
  consumes?: EventHandlers;
}

const refused = (status: number, code: string): EventOutcome => ({ status, body: { status: 'refused', code } });

/** A business refusal (kit/rules/errors.ts): the event can never be applied, the producer must not retry. */
function isBusinessRefusal(err: unknown): err is GraphQLError {
  const code = err instanceof GraphQLError ? err.extensions?.code : undefined;
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== ErrorCode.SERVICE_UNAVAILABLE;
}

/** Checks the payload's shape; the signature and the key's owner were checked before. */
function parsePayload(text: string): SignedEventPayload | undefined {
  let p: Partial<SignedEventPayload>;
  try {
    p = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!p || typeof p !== 'object') return undefined;
  if (!isUuid(p.id) || typeof p.type !== 'string' || typeof p.producer !== 'string' || typeof p.aud !== 'string')
    return undefined;
  if (typeof p.occurredAt !== 'string' || Number.isNaN(Date.parse(p.occurredAt))) return undefined;
  if (!p.data || typeof p.data !== 'object') return undefined;
  return p as SignedEventPayload;
}

/**
 * Verifies one delivery and applies it once: the signature (ES256, the key of the partner named by `kid`), the
 * audience (this subgraph), the route (schema/events.ts: this partner consumes this type from this producer) and a
 * handler; then, in ONE transaction, the inbox row (event id; already there → 200, nothing applied again) and the
 * handler. A business refusal is 422 (the producer gives up), any other failure 503 (the producer retries).
 */
export async function receiveEvent(
  dataSource: DataSource,
  schema: string,
  opts: EventsEndpointOptions,
  jws: string,
  log: Logger,
): Promise<EventOutcome> {
  let payloadText: string;
  let kid: string | undefined;
  try {
    const verified = await compactVerify(jws.trim(), createLocalJWKSet(opts.jwks), { algorithms: [EVENTS_ALG] });
    if (verified.protectedHeader.typ !== EVENT_JWS_TYPE) return refused(400, 'EVENT_NOT_AN_EVENT');
    kid = verified.protectedHeader.kid;
    payloadText = new TextDecoder().decode(verified.payload);
  } catch {
    log.warn('event refused: signature not verified');
    return refused(401, 'EVENT_SIGNATURE_INVALID');
  }
  const event = parsePayload(payloadText);
  if (!event) return refused(400, 'EVENT_MALFORMED');
  const where = { type: event.type, producer: event.producer, eventId: event.id };
  // The key that signed is the producer's own: a partner cannot speak for another.
  if (event.producer !== kid) {
    log.warn(where, 'event refused: signed by another partner than its producer');
    return refused(403, 'EVENT_PRODUCER_MISMATCH');
  }
  if (event.aud !== opts.partner) {
    log.warn(where, 'event refused: addressed to another partner');
    return refused(403, 'EVENT_WRONG_AUDIENCE');
  }
  if (!(event.type in EVENT_ROUTES) || !consumersOf(event.type as EventType, event.producer).includes(opts.partner)) {
    log.warn(where, 'event refused: route not allowed (schema/events.ts)');
    return refused(403, 'EVENT_ROUTE_NOT_ALLOWED');
  }
  const handler = opts.consumes?.[event.type as EventType] as EventHandler<EventType> | undefined;
  if (!handler) {
    log.warn(where, 'event refused: no handler');
    return refused(422, 'EVENT_NOT_HANDLED');
  }
  const { aud: _aud, ...partnerEvent } = event;
  try {
    const applied = await dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `INSERT INTO "${schema}".event_inbox (event_id, type, producer, occurred_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [event.id, event.type, event.producer, event.occurredAt],
      )) as unknown[];
      if (rows.length === 0) return false;
      await handler(manager, partnerEvent as PartnerEvent);
      return true;
    });
    log.info(where, applied ? 'event applied' : 'event already applied');
    return { status: 200, body: { status: applied ? 'applied' : 'duplicate' } };
  } catch (err) {
    if (isBusinessRefusal(err)) {
      const code = String(err.extensions.code);
      const rule = typeof err.extensions.rule === 'string' ? err.extensions.rule : undefined;
      log.warn({ ...where, code }, 'event refused by its handler');
      return { status: 422, body: { status: 'refused', code, ...(rule ? { rule } : {}) } };
    }
    // no message: it may carry a value of the event
    log.error({ ...where, errName: (err as Error)?.name }, 'event not applied: will be redelivered');
    return { status: 503, body: { status: 'unavailable' } };
  }
}

/** Reads a body up to `limit` bytes; beyond, rejects with 413 (after reading the rest, so the answer arrives). */
function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let chunks: Buffer[] | undefined = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && chunks) {
        chunks = undefined;
        reject(Object.assign(new Error('body too large'), { status: 413 }));
      }
      chunks?.push(chunk);
    });
    req.on('end', () => chunks && resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `POST /events` on a subgraph's HTTP server: one compact JWS per request (application/jose). */
export function createEventsEndpoint(
  dataSource: DataSource,
  schema: string,
  opts: EventsEndpointOptions,
  log: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const send = (res: ServerResponse, outcome: EventOutcome, headers: Record<string, string> = {}) => {
    res.writeHead(outcome.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(outcome.body));
  };
  return async (req, res) => {
    if (req.method !== 'POST') return send(res, refused(405, 'METHOD_NOT_ALLOWED'), { allow: 'POST' });
    let body: string;
    try {
      body = await readLimited(req, EVENT_MAX_BODY_BYTES);
    } catch (e) {
      return send(res, refused((e as { status?: number }).status ?? 400, 'EVENT_MALFORMED'));
    }
    send(res, await receiveEvent(dataSource, schema, opts, body, log));
  };
}
