import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Caller } from '../access/caller';
import type { Condition } from '../access/reach';
import type { Logger } from '../runtime/logger';
import { listNotifications, NotificationRow } from './notifications';

/**
 * The PostgreSQL channel a subgraph's notifications are announced on (`notify`, in the inserting transaction: only a
 * committed row is announced); the payload is the audience organisation's id, nothing about the person.
 */
export const notificationChannel = (schema: string): string => `${schema}_notification`;

/** Rows read back per wake-up; more are read at once if the page is full. */
const READ_BACK_PAGE = 100;
/** Delay before the listening connection is opened again after it was lost (the database restarted). */
const RECONNECT_MS = 1_000;

type Waker = () => void;

/**
 * One LISTEN connection per subgraph process and schema, outside the pool (a pooled connection would be handed back
 * and lose its LISTEN), fanning the announcements out to the subscribers of the organisation named in each. Opened
 * with the first subscriber, closed with the last. Losing it wakes every subscriber once it is back: each reads from
 * its own cursor, so nothing announced meanwhile is missed.
 */
class NotificationFeed {
  private client?: Client;
  private connecting?: Promise<void>;
  private readonly byOrg = new Map<string, Set<Waker>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly log?: Logger,
  ) {}

  private get size(): number {
    let n = 0;
    for (const s of this.byOrg.values()) n += s.size;
    return n;
  }

  private wakeAll(): void {
    for (const set of this.byOrg.values()) for (const wake of set) wake();
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      // The pool's own settings (pg keeps them on the pool), on a connection of its own.
      const options = (this.dataSource.driver as unknown as { master: { options: object } }).master.options;
      const client = new Client({ ...options, application_name: `masp-live-${this.schema}` } as never);
      client.on('notification', (msg) => {
        for (const wake of this.byOrg.get(msg.payload ?? '') ?? []) wake();
      });
      client.on('error', (err) => {
        this.log?.warn({ errName: err.name }, 'live notifications: listening connection lost');
        this.drop(client);
      });
      client.on('end', () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN "${notificationChannel(this.schema)}"`);
      } catch (err) {
        client.removeAllListeners('end');
        void client.end().catch(() => undefined);
        throw err;
      }
      this.client = client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.size || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.size) return;
      this.connect().then(
        () => this.wakeAll(),
        () => this.scheduleReconnect(),
      );
    }, RECONNECT_MS);
    this.timer.unref();
  }

  /** Wakes `wake` at each notification for `orgId`; resolves once listening. Returns the unsubscribe function. */
  async add(orgId: string, wake: Waker): Promise<() => void> {
    let set = this.byOrg.get(orgId);
    if (!set) this.byOrg.set(orgId, (set = new Set()));
    set.add(wake);
    const remove = () => {
      set.delete(wake);
      if (!set.size) this.byOrg.delete(orgId);
      if (!this.size) this.close();
    };
    try {
      await this.connect();
    } catch (err) {
      remove();
      throw err;
    }
    return remove;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
    }
  }
}

const feeds = new WeakMap<DataSource, Map<string, NotificationFeed>>();

function feedOf(dataSource: DataSource, schema: string, log?: Logger): NotificationFeed {
  let bySchema = feeds.get(dataSource);
  if (!bySchema) feeds.set(dataSource, (bySchema = new Map()));
  let feed = bySchema.get(schema);
  if (!feed) bySchema.set(schema, (feed = new NotificationFeed(dataSource, schema, log)));
  return feed;
}

/**
 * A partner's live notifications (issue 17 §5): first those after `after` (the list's cursor: what was missed), then
 * each new one as it is committed. Every row is read back with `listNotifications`, the list's own statement: the
 * audience, the caller's row rule (`personReach`) and the cursor, so a live item is exactly what the list would serve
 * the caller at that moment. Without `after`, only notifications committed after the subscription started.
 * The consumer ending the stream (`return()`) unsubscribes at once, even while it waits.
 */
export async function liveNotifications(opts: {
  dataSource: DataSource;
  schema: string;
  caller: Caller;
  after?: string | null;
  personReach?: Condition;
  log?: Logger;
}): Promise<AsyncIterableIterator<NotificationRow>> {
  const { dataSource, schema, caller, personReach } = opts;
  // the cursor is checked before anything is opened (BAD_USER_INPUT, as the list does)
  if (opts.after != null) await listNotifications(dataSource, schema, caller, { first: 1, after: opts.after }, REFUSE);
  let cursor: string | undefined = opts.after ?? undefined;
  let pending: NotificationRow[] = [];
  let woken = opts.after != null;
  let done = false;
  let waiting: (() => void) | undefined;
  const wake = () => {
    woken = true;
    waiting?.();
  };
  const unsubscribe = await feedOf(dataSource, schema, opts.log).add(caller.orgId, wake);
  if (cursor === undefined) {
    const [{ id }] = (await dataSource.query(
      `SELECT coalesce(max(id), 0)::text AS id FROM "${schema}".notification`,
    )) as { id: string }[];
    cursor = id;
  }
  const finish = () => {
    done = true;
    unsubscribe();
    waiting?.();
  };

  async function readBack(): Promise<void> {
    for (;;) {
      const rows = await listNotifications(
        dataSource,
        schema,
        caller,
        { first: READ_BACK_PAGE, after: cursor },
        personReach,
      );
      pending.push(...rows);
      if (rows.length) cursor = rows[rows.length - 1].id;
      if (rows.length < READ_BACK_PAGE) return;
    }
  }

  const iterator: AsyncIterableIterator<NotificationRow> = {
    async next() {
      while (!done) {
        if (pending.length) return { value: pending.shift()!, done: false };
        if (woken) {
          woken = false;
          try {
            await readBack();
          } catch (err) {
            finish();
            throw err;
          }
          continue;
        }
        await new Promise<void>((resolve) => (waiting = resolve));
        waiting = undefined;
      }
      pending = [];
      return { value: undefined, done: true };
    },
    async return() {
      finish();
      return { value: undefined, done: true };
    },
    async throw(err) {
      finish();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Checks a cursor only: the statement matches no row. */
const REFUSE: Condition = { sql: 'FALSE', params: {} };
