import type { EntityManager } from 'typeorm';
import type { EventType, PartnerEvent } from '../../../schema/events';

/**
 * Applies one fact received from another partner, inside the consumer's transaction (the inbox row is in the same
 * one: applied once). Throwing a business error (kit/rules/errors.ts) refuses the event for good; any other error makes
 * the producer retry.
 */
export type EventHandler<T extends EventType> = (manager: EntityManager, event: PartnerEvent<T>) => Promise<void>;

/** What a subgraph consumes: a handler per event type (the producers allowed are schema/events.ts's routes). */
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

/**
 * A job a subgraph runs on a schedule (graphile-worker's crontab), in one transaction. Idempotent: it may run twice or
 * late; reach never waits for it (row rules compare dates with today).
 */
export interface ScheduledJob {
  /** The task's name, unique in the subgraph (kebab-case). */
  task: string;
  /** crontab syntax, UTC. */
  cron: string;
  run(manager: EntityManager, today: string): Promise<void>;
}
