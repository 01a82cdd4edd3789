import type { EntityManager } from 'typeorm';

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
  const schema = (manager.connection.options as { schema?: string }).schema;
  await manager.query(
    `INSERT INTO "${schema}".notification (audience_org_id, audience_sub, beneficiary_id, kind, data, event_id)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [n.audience.orgId, n.audience.sub ?? null, n.beneficiaryId, n.kind, JSON.stringify(n.data), n.eventId ?? null],
  );
}
