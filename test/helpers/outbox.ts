import { Client } from 'pg';
import type { PartnerName } from '../../schema/events';
import { workerSchemaOf } from '../../subgraphs/kit/events/outbox';

/** A hold on one producer's deliveries to one consumer (see `holdDeliveries`). */
export interface DeliveryHold {
  release(): Promise<void>;
}

/**
 * Stops every runner of the run from delivering `producer`'s events to `consumer` until `release()`, so that a test
 * reads in the outbox what it caused to be enqueued (every hub of the run delivers from the run's database, within
 * milliseconds of the commit: a job read after a mutation may already be gone). A transaction of its own (superuser,
 * TEST_DATABASE_URL) locks the row of the queue `events-to-<consumer>` in `<producer>_worker`: graphile-worker takes a
 * job of a named queue only with that row (`FOR UPDATE SKIP LOCKED`), while `add_job` merely reads it, so the jobs are
 * enqueued and wait. Never drain (`hub.drainEvents()`) while holding: what is held is pending.
 */
export async function holdDeliveries(producer: PartnerName, consumer: PartnerName): Promise<DeliveryHold> {
  const queues = `"${workerSchemaOf(producer)}"._private_job_queues`;
  const queue = `events-to-${consumer}`;
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  const release = async () => {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  };
  try {
    await client.query(`INSERT INTO ${queues} (queue_name) VALUES ($1) ON CONFLICT DO NOTHING`, [queue]);
    await client.query('BEGIN');
    const held = await client.query(`SELECT id FROM ${queues} WHERE queue_name = $1 FOR UPDATE`, [queue]);
    if (held.rowCount !== 1) throw new Error(`holdDeliveries: no queue ${queue} in ${queues}`);
  } catch (err) {
    await release();
    throw err;
  }
  return { release };
}

/** Runs `fn` while `producer`'s events to `consumer` wait in its outbox; released when `fn` ends, whatever happened. */
export async function holdingDeliveries<T>(
  producer: PartnerName,
  consumer: PartnerName,
  fn: () => Promise<T>,
): Promise<T> {
  const hold = await holdDeliveries(producer, consumer);
  try {
    return await fn();
  } finally {
    await hold.release();
  }
}

/** Each test of the calling `describe` (or file) runs while `producer`'s events to `consumer` wait in its outbox. */
export function holdDeliveriesInEachTest(producer: PartnerName, consumer: PartnerName): void {
  let hold: DeliveryHold | undefined;
  beforeEach(async () => {
    hold = await holdDeliveries(producer, consumer);
  });
  afterEach(async () => {
    await hold?.release();
    hold = undefined;
  });
}
