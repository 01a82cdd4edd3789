import { Field, ID, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Domain } from '../../../schema/policy';
import type { Caller } from '../access/caller';
import type { Condition } from '../access/reach';
import { ClassifiedField } from '../schema/classified';
import { pageSize } from '../schema/pagination';
import { Public } from '../schema/public';
import { ErrorCode, userError } from '../rules/errors';
import { formatDateFr } from '../rules/french';

/** One notification as a partner's list serves it; `beneficiaryId` attributes its classified reads to the person. */
export interface NotificationRow {
  id: string;
  at: string;
  kind: string;
  summary: string;
  beneficiaryId: string;
}

/** What each kind tells, in French then English: the kind and at most a date of the procedure, nothing else. */
const SUMMARIES: Record<string, { fr: string; en: string; date?: string }> = {
  'delegation.granted': { fr: 'Nouvelle délégation (MASP 2)', en: 'New delegation (MASP 2)', date: 'startsOn' },
  // the association's handler's own kinds (association/events/delegation.handlers.ts, resolvers/file-lifecycle.ts)
  DELEGATION_GRANTED: { fr: 'Nouvelle délégation (MASP 2)', en: 'New delegation (MASP 2)', date: 'startsOn' },
  FILE_CLOSING: {
    fr: 'Dossier en clôture : bilan final à remettre',
    en: 'File closing: final bilan due',
    date: 'endsOn',
  },
  'delegation.ended': { fr: 'Fin de la délégation', en: 'Delegation ended', date: 'endsOn' },
  'contract.benefits-changed': {
    fr: 'Prestations gérées modifiées (avenant)',
    en: 'Managed benefits changed (avenant)',
    date: 'effectiveOn',
  },
  'payment-order.decided': {
    fr: 'Paiement direct du loyer décidé',
    en: 'Direct rent payment decided',
    date: 'startsOn',
  },
  'payment-order.ended': { fr: 'Fin du paiement direct du loyer', en: 'Direct rent payment ended', date: 'endsOn' },
  'maj-notice.recorded': { fr: 'Avis de MAJ reçu', en: 'MAJ notice received', date: 'startsOn' },
  'maj-notice.closed': { fr: 'Avis de MAJ clos', en: 'MAJ notice closed', date: 'endsOn' },
  'lease.known': { fr: 'Bail connu de la personne', en: 'Lease of the person known', date: 'startsOn' },
  'arrears.reached': { fr: 'Deux mois d’impayés de loyer (L271-5)', en: 'Two months of rent arrears (L271-5)' },
  'contract.ending': {
    fr: 'Contrat MASP à échéance sous 30 jours',
    en: 'MASP contract ends within 30 days',
    date: 'endsOn',
  },
  'direct-payment.ending': { fr: 'Fin du paiement direct', en: 'Direct payment ending', date: 'endsOn' },
  'maj.ending': { fr: 'Fin de la MAJ', en: 'MAJ ending', date: 'endsOn' },
  'maj.ended': { fr: 'MAJ terminée', en: 'MAJ ended', date: 'endsOn' },
  'maj.recorded': { fr: 'MAJ ordonnée', en: 'MAJ ordered', date: 'startsOn' },
};

/** The summary of a notification, built from its kind (and the one date of the procedure it names). */
export function summaryOf(kind: string, data: Record<string, unknown>): string {
  const s = SUMMARIES[kind];
  if (!s) return `${kind}`;
  const date = s.date && typeof data[s.date] === 'string' ? (data[s.date] as string) : undefined;
  return date ? `${s.fr} (${formatDateFr(date)}) / ${s.en} (${date})` : `${s.fr} / ${s.en}`;
}

/**
 * A partner's notification type: `id` (the cursor), `at`, and `kind` / `summary` classified with the domain of what
 * they reveal for that partner. Each partner adds the `beneficiary` field (its own Beneficiary type) in its resolver.
 * One type per partner: federation forbids the same value type in several subgraphs without @shareable.
 */
export function notificationType(name: string, domain: Domain, description: string) {
  @ObjectType(name, { description })
  class PartnerNotification implements NotificationRow {
    @Public()
    @Field(() => ID, { description: 'The notification, and the cursor of the list (`after`).' })
    id: string;

    @Public()
    @Field(() => String, { description: 'When it was recorded (ISO timestamp).' })
    at: string;

    @ClassifiedField(domain, () => String, { description: 'What happened: the event kind (`delegation.granted`…).' })
    kind: string;

    @ClassifiedField(domain, () => String, { description: 'What happened, in French then English.' })
    summary: string;

    beneficiaryId: string;
  }
  return PartnerNotification;
}

/** Validates a notification cursor: the id of the last notification of the previous page. */
function notificationCursor(after: string | null | undefined): string | undefined {
  if (after == null) return undefined;
  if (!/^\d{1,18}$/.test(after))
    throw userError(
      ErrorCode.BAD_USER_INPUT,
      '« after » doit être un identifiant renvoyé par la page précédente. / "after" must be an id returned by the previous page.',
      { field: 'after' },
    );
  return after;
}

/**
 * The caller's notifications, oldest first after the cursor: those addressed to its organisation (and to itself when
 * addressed to one agent), and, when given, whose person is within `personReach` (a row rule on alias `n`, e.g.
 * `EXISTS (… b.id = n.beneficiary_id AND <the person's reach>)`).
 */
export async function listNotifications(
  dataSource: DataSource,
  schema: string,
  caller: Caller,
  page: { first: number; after?: string | null },
  personReach?: Condition,
): Promise<NotificationRow[]> {
  const first = pageSize(page.first);
  const after = notificationCursor(page.after);
  const where = [`n.audience_org_id::text = :orgId`, `(n.audience_sub IS NULL OR n.audience_sub = :sub)`];
  const params: Record<string, unknown> = { orgId: caller.orgId, sub: caller.sub, first };
  if (personReach) {
    where.push(personReach.sql);
    Object.assign(params, personReach.params);
  }
  if (after) {
    where.push('n.id > :after');
    params.after = after;
  }
  const [sql, values] = dataSource.driver.escapeQueryWithParameters(
    `SELECT n.id::text AS id, n.at, n.kind, n.data, n.beneficiary_id AS "beneficiaryId"
       FROM "${schema}".notification n
      WHERE ${where.join(' AND ')}
      ORDER BY n.id ASC
      LIMIT :first`,
    params,
  );
  const rows = (await dataSource.query(sql, values)) as {
    id: string;
    at: Date;
    kind: string;
    data: Record<string, unknown>;
    beneficiaryId: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    summary: summaryOf(r.kind, r.data ?? {}),
    beneficiaryId: r.beneficiaryId,
  }));
}
