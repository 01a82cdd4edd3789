import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../../schema/events';
import type { ScheduledJob } from '../../kit/events/consumer';
import { notify } from '../../kit/events/notify';
import { badInput } from '../../kit/rules/errors';
import { MajEndReason } from '../entities/enums';
import { JudicialMeasure } from '../entities/judicial-measure.entity';
import { inForceFrom } from '../rules/protection.rule';
import {
  CLOSE_NOTICE_SQL,
  INSERT_NOTICE_SQL,
  INSERT_RELAYED_PROTECTION_SQL,
  MAJ_DUE_TO_END_SQL,
  MAJ_OF_NOTICE_SQL,
  RUNNING_MAJ_OF_PERSON_SQL,
  SET_PROTECTION_ENDED_MAJ_SQL,
  UPSERT_KNOWN_LEASE_SQL,
} from '../sql';
import { endMaj, endReasonOfNoticeClose, lockPerson, protectionKindOf } from './maj-lifecycle';
import { addDays, todayIso } from '../../kit/rules/calendar';

/**
 * The facts the département sends the MJPM services (schema/events.ts), each applied once: applying an event twice
 * leaves what applying it once did (rows keyed by the département's ids; notifications only for a new row).
 */

/** `maj-notice.recorded`: the judgment's notice for this service; the MAJ may now be recorded from it. */
export async function handleMajNoticeRecorded(
  manager: EntityManager,
  event: PartnerEvent<'maj-notice.recorded'>,
): Promise<void> {
  const d = event.data;
  const inserted: unknown[] = await manager.query(INSERT_NOTICE_SQL, [
    d.noticeId,
    d.beneficiaryId,
    d.mandataireOrgId,
    d.startsOn,
    d.endsOn,
    d.judgmentOn,
    d.court,
    d.reference,
  ]);
  if (!inserted.length) return;
  await notify(manager, {
    audience: { orgId: d.mandataireOrgId },
    beneficiaryId: d.beneficiaryId,
    kind: 'maj-notice.recorded',
    data: { noticeId: d.noticeId, startsOn: d.startsOn, endsOn: d.endsOn },
    eventId: event.id,
  });
}

/**
 * `maj-notice.closed`: the département closed the notice (the MAJ ended there, a protection measure opened, its term).
 * The MAJ recorded from it ends that day (a later day: the scheduled job ends it then, reach stops by date meanwhile).
 */
export async function handleMajNoticeClosed(
  manager: EntityManager,
  event: PartnerEvent<'maj-notice.closed'>,
): Promise<void> {
  const d = event.data;
  // an UPDATE … RETURNING answers [rows, count]
  const [closed]: [unknown[], number] = await manager.query(CLOSE_NOTICE_SQL, [d.noticeId, d.endsOn, d.reason]);
  if (!closed.length) return;
  await lockPerson(manager, d.beneficiaryId);
  const [running]: { id: string }[] = await manager.query(MAJ_OF_NOTICE_SQL, [d.noticeId]);
  if (running && d.endsOn <= todayIso()) {
    const j = await manager.getRepository(JudicialMeasure).findOneByOrFail({ id: running.id });
    await endMaj(manager, j, d.endsOn, endReasonOfNoticeClose(d.reason));
  }
  await notify(manager, {
    audience: { orgId: d.mandataireOrgId },
    beneficiaryId: d.beneficiaryId,
    kind: 'maj-notice.closed',
    data: { noticeId: d.noticeId, endsOn: d.endsOn, reason: d.reason },
    eventId: event.id,
  });
}

/**
 * `protection.recorded` (from the département): a protection measure excludes the MAJ (C. civ. 495-1): kept here under
 * the département's id, so that no MAJ is recorded while it is in force, and it ends the running one.
 */
export async function handleProtectionRecorded(
  manager: EntityManager,
  event: PartnerEvent<'protection.recorded'>,
): Promise<void> {
  const d = event.data;
  const kind = protectionKindOf(d.kind);
  if (!kind)
    throw badInput('kind', `Mesure de protection inconnue : ${d.kind}.`, `Unknown protection measure: ${d.kind}.`);
  // the event's end is the first day without it; here a measure's end is its last day
  const endsOn = d.endsOn ? addDays(d.endsOn, -1) : null;
  if (endsOn && endsOn < d.startsOn)
    throw badInput('endsOn', 'La fin de la mesure suit son début.', 'The measure ends after it starts.');
  await lockPerson(manager, d.beneficiaryId);
  const inserted: unknown[] = await manager.query(INSERT_RELAYED_PROTECTION_SQL, [
    d.protectionId,
    d.beneficiaryId,
    kind,
    d.startsOn,
    endsOn,
  ]);
  if (!inserted.length) return;
  const [running]: { id: string }[] = await manager.query(RUNNING_MAJ_OF_PERSON_SQL, [d.beneficiaryId]);
  if (!running) return;
  const j = await manager.getRepository(JudicialMeasure).findOneByOrFail({ id: running.id });
  if (!inForceFrom({ kind, openedOn: d.startsOn, endsOn }, j.startsOn)) return;
  await endMaj(manager, j, d.startsOn, MajEndReason.PROTECTION_MEASURE_OPENED);
  await manager.query(SET_PROTECTION_ENDED_MAJ_SQL, [d.protectionId, j.id]);
  await notify(manager, {
    audience: { orgId: j.mandataireOrgId },
    beneficiaryId: d.beneficiaryId,
    kind: 'maj.ended',
    data: { majId: j.id, endsOn: j.endedOn, reason: MajEndReason.PROTECTION_MEASURE_OPENED },
    eventId: event.id,
  });
}

/** `lease.known`: a lease of a person whose MAJ notice names this service (the rent it may pay, C. civ. 495-7). */
export async function handleLeaseKnown(manager: EntityManager, event: PartnerEvent<'lease.known'>): Promise<void> {
  const d = event.data;
  await manager.query(UPSERT_KNOWN_LEASE_SQL, [
    d.leaseId,
    d.beneficiaryId,
    d.landlordOrgId,
    d.mandataireOrgId,
    d.startsOn,
    d.endsOn,
  ]);
}

/**
 * Scheduled: every running MAJ past its term (C. civ. 495-8) or whose notice the département closed ends, with the
 * département told. Idempotent (an ended MAJ is not selected again); reach never waited for it (rules compare dates).
 */
export async function endMajsPastTerm(manager: EntityManager, today: string): Promise<void> {
  const due: { id: string; endedOn: string; closeReason: string }[] = await manager.query(MAJ_DUE_TO_END_SQL, [today]);
  for (const row of due) {
    const j = await manager.getRepository(JudicialMeasure).findOneByOrFail({ id: row.id });
    const reason = row.closeReason === 'TERM' ? MajEndReason.TERM : endReasonOfNoticeClose(row.closeReason);
    await endMaj(manager, j, row.endedOn, reason);
  }
}

export const mandataireSchedule: ScheduledJob[] = [
  { task: 'end-majs-past-term', cron: '*/5 * * * *', run: endMajsPastTerm },
];
