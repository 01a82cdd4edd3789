import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables every subgraph keeps for the facts that travel between partners, as a migration each subgraph lists:
 * its inbox (the events it has applied, so that a redelivery is applied once) and its notifications (what it tells its
 * users; the id is the cursor). The outbox is graphile-worker's own schema (`<schema>_worker`), installed at start.
 */
export function eventsMigration(schema: string) {
  const s = `"${schema}"`;
  return class PartnerEvents1765000000000 implements MigrationInterface {
    name = 'PartnerEvents1765000000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.event_inbox (
          event_id uuid PRIMARY KEY,
          type text NOT NULL,
          producer text NOT NULL,
          occurred_at timestamptz NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`);
      await q.query(`
        CREATE TABLE ${s}.notification (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL DEFAULT now(),
          audience_org_id uuid NOT NULL,
          audience_sub text,
          beneficiary_id uuid NOT NULL,
          kind text NOT NULL,
          data jsonb NOT NULL,
          event_id uuid
        )`);
      await q.query(`CREATE INDEX notification_audience_idx ON ${s}.notification (audience_org_id, id)`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.notification`);
      await q.query(`DROP TABLE ${s}.event_inbox`);
    }
  };
}

/**
 * The producer's dead letters: deliveries a consumer refused for good (4xx: bad signature, route not allowed, a
 * business refusal). Kept with the job that carried them, so that an operator can look and enqueue one again; the
 * backlog counts them (/metrics, /health).
 */
export function eventsDeadLetterMigration(schema: string) {
  const s = `"${schema}"`;
  return class EventsDeadLetter1765300000000 implements MigrationInterface {
    name = 'EventsDeadLetter1765300000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.event_dead_letter (
          event_id uuid NOT NULL,
          consumer text NOT NULL,
          type text NOT NULL,
          status int NOT NULL,
          reason text NOT NULL,
          job jsonb NOT NULL,
          failed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (event_id, consumer)
        )`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.event_dead_letter`);
    }
  };
}
