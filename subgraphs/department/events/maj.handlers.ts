import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../../schema/events';
import type { ScheduledJob } from '../../kit/events/consumer';
import { notify } from '../../kit/events/notify';
import { publish } from '../../kit/events/outbox';
import { addDays, addMonths, startedMonthsBetween } from '../../kit/rules/calendar';
import { EndReason } from '../rules/contract.rule';
import { endDelegationsOfMeasure } from '../resolvers/delegation-lifecycle';
import { badInput } from '../../kit/rules/errors';
import { ProtectionKind } from '../rules/eligibility.rule';
import { DepartmentCode, ruleError } from '../rules/errors';
import {
  CLOSE_MAJ_NOTICE_SQL,
  CLOSE_MAJ_NOTICES_ON_PROTECTION_SQL,
  CLOSE_NOTICES_PAST_TERM_SQL,
  CONTRACTS_RUNNING_ON_SQL,
  DROP_TERMS_FROM_SQL,
  END_MEASURE_FOR_MAJ_SQL,
  MEASURE_FOR_MAJ_END_SQL,
  LAST_TERM_SQL,
  TRIM_TERM_SQL,
  INSERT_RELAYED_PROTECTION_SQL,
  LEASES_TO_RELAY_SQL,
  LOCK_PERSON_SQL,
  NOTICE_OF_MAJ_SQL,
  SET_NOTICE_MAJ_SQL,
  UPSERT_LEASE_RELAY_SQL,
} from '../sql';

/**
 * The MAJ notice's lifecycle at the département and the facts the MJPM services send it (schema/events.ts): a notice
 * is the MAJ's source and the MJPM's reach; every end of the MAJ closes it and is told to the MJPM service
 * (`maj-notice.closed`); the leases the bailleurs recorded for the person travel to that service through here only
 * (`lease.known`). Handlers are idempotent: applying an event twice leaves what applying it once did.
 */

/** Why a notice closed (`maj-notice.closed` reasons; schema/events.ts leaves them to the producer). */
export enum NoticeCloseReason {
  MAJ_ENDED = 'MAJ_ENDED',
  PROTECTION_MEASURE_OPENED = 'PROTECTION_MEASURE_OPENED',
  ENDED_BY_DEPARTMENT = 'ENDED_BY_DEPARTMENT',
  TERM = 'TERM',
}

/** A notice a statement closed (CLOSE_*_SQL rows). */
export interface ClosedNotice {
  noticeId: string;
  beneficiaryId: string;
  mandataireOrgId: string;
  endsOn: string;
  reason: string;
}

/** Tells each MJPM service whose notice closed (in the transaction that closed it). */
export async function publishNoticesClosed(tx: EntityManager, closed: readonly ClosedNotice[]): Promise<void> {
  for (const c of closed) await publish(tx, 'maj-notice.closed', { ...c });
}

/** Closes one notice from `on` for `reason` and tells its MJPM service; nothing if it was closed already. */
export async function closeMajNotice(
  tx: EntityManager,
  noticeId: string,
  on: string,
  reason: NoticeCloseReason,
): Promise<ClosedNotice | undefined> {
  // an UPDATE … RETURNING answers [rows, count]
  const [rows]: [ClosedNotice[], number] = await tx.query(CLOSE_MAJ_NOTICE_SQL, [noticeId, on, reason]);
  await publishNoticesClosed(tx, rows);
  return rows[0];
}

/**
 * C. civ. 495-1: a protection measure of the person from `startsOn` closes their MAJ notices (the MJPM's
 * reach ends that day) and tells the MJPM services.
 */
export async function closeNoticesOnProtection(
  tx: EntityManager,
  beneficiaryId: string,
  startsOn: string,
): Promise<ClosedNotice[]> {
  const [rows]: [ClosedNotice[], number] = await tx.query(CLOSE_MAJ_NOTICES_ON_PROTECTION_SQL, [
    beneficiaryId,
    startsOn,
  ]);
  await publishNoticesClosed(tx, rows);
  return rows;
}

/**
 * Relays to the MJPM service of each notice not ended the leases the bailleurs recorded for that person
 * (department.lease_fact) that it does not know as they are now (`lease.known`): with a new notice, and after each
 * lease change (`relayLeases(tx, personId)` from the lease handlers, and the scheduled job for any missed).
 */
export async function relayLeases(tx: EntityManager, beneficiaryId: string | null): Promise<number> {
  const rows: {
    leaseId: string;
    beneficiaryId: string;
    landlordOrgId: string;
    startsOn: string;
    endsOn: string | null;
    noticeId: string;
    mandataireOrgId: string;
  }[] = await tx.query(LEASES_TO_RELAY_SQL, [beneficiaryId]);
  for (const r of rows) {
    await publish(tx, 'lease.known', {
      leaseId: r.leaseId,
      beneficiaryId: r.beneficiaryId,
      landlordOrgId: r.landlordOrgId,
      mandataireOrgId: r.mandataireOrgId,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
    });
    await tx.query(UPSERT_LEASE_RELAY_SQL, [r.leaseId, r.noticeId, r.startsOn, r.endsOn]);
  }
  return rows.length;
}

/**
 * `maj.recorded`: the MJPM recorded the MAJ from its notice, with the term the judgment fixed, or renewed it (C. civ.
 * 495-8: ≤ 48 months in all): the notice runs to that term. A term beyond 48 months is refused for good.
 */
export async function handleMajRecorded(manager: EntityManager, event: PartnerEvent<'maj.recorded'>): Promise<void> {
  const d = event.data;
  if (d.endsOn <= d.startsOn || d.endsOn > addMonths(d.startsOn, 48)) {
    throw ruleError(
      DepartmentCode.MAJ_TERM_OUT_OF_RANGE,
      'C. civ. 495-8',
      `une MAJ, renouvellements compris, dure 48 mois au plus.`,
      `a MAJ, renewals included, lasts at most 48 months.`,
    );
  }
  await manager.query(LOCK_PERSON_SQL, [d.beneficiaryId]);
  await manager.query(SET_NOTICE_MAJ_SQL, [d.noticeId, d.majId, d.endsOn]);
  await endMaspOnMajStart(manager, d.beneficiaryId, d.startsOn, event.id);
}

/**
 * C. civ. 495-1 (a MAJ is ordered only when the MASP failed; CASF L271-1 al. 3: never beside it): the MAJ's start ends
 * the person's MASP contract still in force — reason REFERRAL_TO_MAJ, from the MAJ's first day (at the latest at its
 * term, at the earliest the day after it began), its running term trimmed to the months run, its delegations ended with
 * it (the délégataire learns it, `delegation.ended`), the référent told. Idempotent: an ended contract is not selected
 * again, and `maj.recorded` for a renewal finds none.
 */
export async function endMaspOnMajStart(
  manager: EntityManager,
  beneficiaryId: string,
  majStartsOn: string,
  eventId?: string,
): Promise<string[]> {
  const running: { id: string }[] = await manager.query(CONTRACTS_RUNNING_ON_SQL, [beneficiaryId]);
  const ended: string[] = [];
  for (const { id } of running) {
    const [m]: { startsOn: string; endsOn: string; referentSub: string | null; orgId: string | null }[] =
      await manager.query(MEASURE_FOR_MAJ_END_SQL, [id]);
    const endedOn = majEndsMaspOn(m, majStartsOn);
    await manager.query(DROP_TERMS_FROM_SQL, [id, endedOn]);
    const [term]: { id: string; startsOn: string; endsOn: string }[] = await manager.query(LAST_TERM_SQL, [id]);
    if (term && endedOn < term.endsOn)
      await manager.query(TRIM_TERM_SQL, [term.id, endedOn, Math.max(1, startedMonthsBetween(term.startsOn, endedOn))]);
    await endDelegationsOfMeasure(manager, id, endedOn, `MEASURE_ENDED_${EndReason.REFERRAL_TO_MAJ}`);
    await manager.query(END_MEASURE_FOR_MAJ_SQL, [id, endedOn, EndReason.REFERRAL_TO_MAJ]);
    ended.push(id);
    if (m.orgId) {
      await notify(manager, {
        audience: { orgId: m.orgId, sub: m.referentSub ?? undefined },
        beneficiaryId,
        kind: 'masp.ended-by-maj',
        data: { measureId: id, endedOn, reason: EndReason.REFERRAL_TO_MAJ },
        eventId,
      });
    }
  }
  return ended;
}

/** The day a MASP ends when a MAJ starts on `majStartsOn`: that day, within (start, term]. */
export function majEndsMaspOn(m: { startsOn: string; endsOn: string }, majStartsOn: string): string {
  const earliest = addDays(m.startsOn, 1);
  if (majStartsOn < earliest) return earliest;
  return majStartsOn > m.endsOn ? m.endsOn : majStartsOn;
}

/**
 * `maj.ended`: the MJPM ended the MAJ (mainlevée, term, death, a protection measure…): its notice closes that day,
 * the MJPM's reach at the département with it, and the person's référent is told (a MASP may follow, CASF L271-1).
 */
export async function handleMajEnded(manager: EntityManager, event: PartnerEvent<'maj.ended'>): Promise<void> {
  const d = event.data;
  await manager.query(LOCK_PERSON_SQL, [d.beneficiaryId]);
  const [notice]: { id: string; closed: boolean; recordedByOrgId: string | null; referentSub: string | null }[] =
    await manager.query(NOTICE_OF_MAJ_SQL, [d.majId, d.beneficiaryId]);
  if (!notice || notice.closed) return;
  const closed = await closeMajNotice(manager, notice.id, d.endsOn, NoticeCloseReason.MAJ_ENDED);
  if (closed && notice.recordedByOrgId) {
    await notify(manager, {
      audience: { orgId: notice.recordedByOrgId, sub: notice.referentSub ?? undefined },
      beneficiaryId: d.beneficiaryId,
      kind: 'maj.ended',
      data: { majId: d.majId, noticeId: notice.id, endsOn: closed.endsOn, reason: d.reason },
      eventId: event.id,
    });
  }
}

/** The mandataire writes SAUVEGARDE_DE_JUSTICE where the département writes SAUVEGARDE_JUSTICE. */
function protectionKindOf(kind: string): ProtectionKind | null {
  if (kind === 'SAUVEGARDE_DE_JUSTICE') return ProtectionKind.SAUVEGARDE_JUSTICE;
  return (Object.values(ProtectionKind) as string[]).includes(kind) ? (kind as ProtectionKind) : null;
}

/**
 * `protection.recorded` from an MJPM service (C. civ. 495-1): the measure is kept here under its id — the person is
 * no longer eligible to a MASP without override (CASF L271-1), no new notice is recorded — and the person's notices
 * close. A person the département does not know: nothing to apply.
 */
export async function handleProtectionRecorded(
  manager: EntityManager,
  event: PartnerEvent<'protection.recorded'>,
): Promise<void> {
  const d = event.data;
  const kind = protectionKindOf(d.kind);
  if (!kind)
    throw badInput('kind', `Mesure de protection inconnue : ${d.kind}.`, `Unknown protection measure: ${d.kind}.`);
  if (d.endsOn && d.endsOn <= d.startsOn)
    throw badInput('endsOn', 'La fin de la mesure suit son début.', 'The measure ends after it starts.');
  await manager.query(LOCK_PERSON_SQL, [d.beneficiaryId]);
  const inserted: unknown[] = await manager.query(INSERT_RELAYED_PROTECTION_SQL, [
    d.protectionId,
    d.beneficiaryId,
    kind,
    d.startsOn,
    d.endsOn,
  ]);
  if (!inserted.length) return;
  await closeNoticesOnProtection(manager, d.beneficiaryId, d.startsOn);
}

/** Scheduled: notices past their term close (TERM), told to their MJPM service. Idempotent. */
export async function closeMajNoticesPastTerm(manager: EntityManager, today: string): Promise<void> {
  const [rows]: [ClosedNotice[], number] = await manager.query(CLOSE_NOTICES_PAST_TERM_SQL, [today]);
  await publishNoticesClosed(manager, rows);
}

/** Scheduled: any lease change not yet relayed to the MJPM of a notice not ended. Idempotent. */
export async function relayPendingLeases(manager: EntityManager): Promise<void> {
  await relayLeases(manager, null);
}

export const majSchedule: ScheduledJob[] = [
  { task: 'close-maj-notices-past-term', cron: '*/5 * * * *', run: closeMajNoticesPastTerm },
  { task: 'relay-leases-to-mjpm', cron: '* * * * *', run: (manager) => relayPendingLeases(manager) },
];
