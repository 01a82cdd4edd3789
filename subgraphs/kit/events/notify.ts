import type { EntityManager } from 'typeorm';
import { notificationChannel } from './live';

/** Who a notification is for: an organisation (all its users the row rules let read the person), or a référent. */
export interface NotificationAudience {
  orgId: string;
  /** A département référent (`sub`), when the notification is for one agent rather than the organisation. */
  sub?: string;
}

/**
 * Tells a partner's users of a fact that concerns their reach, in the transaction that applies it. The notification
 * is read later under the same row rules as the person it names.
 */
export async function notify(
  manager: EntityManager,
  n: {
    audience: NotificationAudience;
    beneficiaryId: string;
    kind: string;
    data: Record<string, unknown>;
    eventId?: string;
  },
): Promise<void> {
  const schema = (manager.connection.options as { schema?: string }).schema!;
  // pg_notify in the same transaction: the live subscribers (live.ts) are woken only once the row is committed.
  await manager.query(
    `WITH n AS (
       INSERT INTO "${schema}".notification (audience_org_id, audience_sub, beneficiary_id, kind, data, event_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING audience_org_id)
     SELECT pg_notify($7, n.audience_org_id::text) FROM n`,
    [
      n.audience.orgId,
      n.audience.sub ?? null,
      n.beneficiaryId,
      n.kind,
      JSON.stringify(n.data),
      n.eventId ?? null,
      notificationChannel(schema),
    ],
  );
}
