import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventType, PartnerEvent, PartnerEvents, PartnerName } from '../../../schema/events';

/** A fact as its producer would send it (the transport is tested elsewhere: here the handler is called directly). */
export function eventOf<T extends EventType>(type: T, data: PartnerEvents[T], producer: PartnerName = 'department') {
  return { id: randomUUID(), type, producer, occurredAt: new Date().toISOString(), data } as PartnerEvent<T>;
}

/** Applies a handler in one transaction of `ds`, as the consumer's /events endpoint does. */
export function apply<T extends EventType>(
  ds: DataSource,
  handler: (m: EntityManager, e: PartnerEvent<T>) => Promise<void>,
  event: PartnerEvent<T>,
): Promise<void> {
  return ds.transaction((tx) => handler(tx, event));
}

/** The events a producer enqueued for delivery (graphile-worker's jobs of task deliver_event), of these types. */
export async function enqueued(
  ds: DataSource,
  schema: string,
  types: readonly EventType[],
): Promise<{ to: string; event: PartnerEvent }[]> {
  const rows: { payload: { to: string; event: PartnerEvent } }[] = await ds.query(
    `SELECT j.payload FROM "${schema}_worker"._private_jobs j JOIN "${schema}_worker"._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver_event' AND j.payload->'event'->>'type' = ANY($1) ORDER BY j.id`,
    [types],
  );
  return rows.map((r) => r.payload);
}

/**
 * Stops the hub's events runners, if it has them: the tests of a producer read the jobs it enqueued, which a running
 * delivery would take away (delivery itself is tested end to end, test/e2e/maj-lifecycle.test.ts).
 */
export async function holdDeliveries(hub: { subgraphs: Record<string, unknown> }): Promise<void> {
  for (const s of Object.values(hub.subgraphs))
    await (s as { events?: { stop?: () => Promise<void> } }).events?.stop?.();
}
