import type { PartnerEvent, PartnerName } from '../../../schema/events';
import { SUBGRAPHS } from '../../../subgraphs';
import type { EventHandler } from '../../../subgraphs/kit/events/consumer';
import type { TestHub } from '../../helpers/hub';
import { sql } from '../bailleur/fixtures';

const applied = new Set<string>();

/**
 * Carries the events `producer` enqueued for `to` whose payload mentions `key` to the consumer's handler, as the
 * delivery would (one transaction each, applied once per test process). When the hub delivers for real
 * (`hub.drainEvents`), that is used instead. Returns the types applied.
 */
export async function deliver(hub: TestHub, producer: PartnerName, to: PartnerName, key: string): Promise<string[]> {
  const drain = (hub as unknown as { drainEvents?: () => Promise<void> }).drainEvents;
  if (drain) {
    await drain.call(hub);
    return [];
  }
  const rows = await sql<{ payload: { to: string; event: PartnerEvent } }>(
    `SELECT j.payload FROM ${producer}_worker._private_jobs j JOIN ${producer}_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver_event' AND j.payload->>'to' = $1 AND j.payload::text LIKE '%' || $2 || '%'
      ORDER BY j.id`,
    [to, key],
  );
  const consumer = SUBGRAPHS.find((s) => s.name === to)!;
  const types: string[] = [];
  for (const { payload } of rows) {
    if (applied.has(payload.event.id)) continue;
    const handler = consumer.consumes?.[payload.event.type] as EventHandler<typeof payload.event.type> | undefined;
    if (!handler) throw new Error(`${to} does not consume ${payload.event.type}`);
    await hub.subgraphs[to].dataSource.transaction((tx) => handler(tx, payload.event));
    applied.add(payload.event.id);
    types.push(payload.event.type);
  }
  return types;
}
