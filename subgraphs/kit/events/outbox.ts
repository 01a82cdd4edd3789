import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { consumersOf, EventType, PartnerEvent, PartnerEvents, PartnerName } from '../../../schema/events';

/** The graphile-worker schema of a subgraph: its own, beside its data (`department` → `department_worker`). */
export const workerSchemaOf = (schema: string): string => `${schema}_worker`;

/** The task that carries one event to one consumer (subgraphs/kit/events/delivery.ts). */
export const DELIVER_TASK = 'deliver_event';

/** Attempts before a delivery is given up (graphile-worker's backoff: exp(min(attempts, 10)) s, so about 3 days). */
export const DELIVERY_MAX_ATTEMPTS = 25;

/** What a delivery job carries: the event, and the one consumer it goes to. */
export interface DeliveryJob {
  to: PartnerName;
  event: PartnerEvent;
}

/** Set while the demo seed runs (see `seedingWithoutEvents`). */
const seeding = new AsyncLocalStorage<true>();

/**
 * Runs a partner's demo seed. Each partner seeds its own side of every fact through the same functions the API and the
 * event handlers use (the département learns the demo leases by `handleLeaseRecorded`, the association opens the demo
 * files by `handleDelegationGranted`…), so the events those functions publish would only be applied a second time:
 * they are not enqueued while seeding.
 */
export function seedingWithoutEvents<T>(seed: () => Promise<T>): Promise<T> {
  return seeding.run(true, seed);
}

/** The subgraph (and PostgreSQL schema) a transaction writes to: its producer. */
function producerOf(manager: EntityManager): PartnerName {
  const schema = (manager.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('publish: the data source names no schema');
  return schema as PartnerName;
}

/**
 * Records that a fact must travel: one delivery job per consumer, in the caller's transaction (`manager` must be a
 * transaction's), so the event exists if and only if the fact committed. Each consumer has its own queue, so a
 * consumer receives a producer's events in the order they were published. Returns the event's id.
 */
export async function publish<T extends EventType>(
  manager: EntityManager,
  type: T,
  data: PartnerEvents[T],
): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`publish(${type}) outside a transaction`);
  const producer = producerOf(manager);
  const event: PartnerEvent<T> = { id: randomUUID(), type, producer, occurredAt: new Date().toISOString(), data };
  if (seeding.getStore()) return event.id;
  for (const to of consumersOf(type, producer)) {
    const job: DeliveryJob = { to, event };
    await manager.query(
      `SELECT "${workerSchemaOf(producer)}".add_job($1, $2::json, queue_name => $3, max_attempts => $4)`,
      [DELIVER_TASK, JSON.stringify(job), `events-to-${to}`, DELIVERY_MAX_ATTEMPTS],
    );
  }
  return event.id;
}
