import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { publish } from '../../kit/events/outbox';
import { isUuid } from '../../kit/db/loaders';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { MajEndReason, MajProtectionKind } from '../entities/enums';
import { JudicialMeasure, JudicialMeasureStatus } from '../entities/judicial-measure.entity';
import { MajAccount } from '../entities/maj-account.entity';
import { MajProtectionMeasure } from '../entities/protection-measure.entity';
import { DEPARTMENTAL_PRACTICE, MandataireCode, refusal } from '../rules/errors';
import { assertMajFromNotice, assertTermOfJudgment, ReceivedNotice } from '../rules/maj-notice.rule';
import { assertNoIncompatibleProtection } from '../rules/protection.rule';
import { LOCK_PERSON_SQL, NOTICE_FOR_MAJ_SQL, OPEN_NOTICES_SQL } from '../sql';

/**
 * The MAJ's transitions, shared by the mutations, the handlers of the département's facts, the scheduled job and the
 * demo seed (one code path): a MAJ is born from a notice, and every end is told to the département (`maj.ended`).
 */

/** Who writes: the MJPM (its service and `sub`). */
export interface Actor {
  orgId: string;
  sub: string;
}

/** A MAJ judgment as the MJPM records it, from the département's notice (checked input: trimmed, term ≤ 24 months). */
export interface MajJudgment {
  /** Given by the seed (the demo plan's ids); fresh ones otherwise. */
  id?: string;
  accountId?: string;
  beneficiaryId: string;
  /** The notice it follows; when absent, the one open notice of that person for the caller's service. */
  noticeId?: string | null;
  court: string;
  judgmentDate: string;
  reference: string;
  procureurRequestReference: string;
  reportReference: string | null;
  benefitsCovered: BenefitKind[];
  extensionOrdered: boolean;
  startsOn: string;
  endsOn: string;
}

/** Serialises the writes that concern one person (a MAJ recorded while a protection measure is recorded). */
export function lockPerson(tx: EntityManager, beneficiaryId: string): Promise<unknown> {
  return tx.query(LOCK_PERSON_SQL, [beneficiaryId]);
}

export function alreadyActive() {
  return refusal(
    MandataireCode.MAJ_ALREADY_ACTIVE,
    // no article says « one MAJ at a time » (C. civ. 495-8 is the duration): a rule of practice, named as such
    DEPARTMENTAL_PRACTICE,
    `${DEPARTMENTAL_PRACTICE} : une MAJ est déjà en cours pour cette personne ; une nouvelle suppose la fin de la précédente. / ${DEPARTMENTAL_PRACTICE}: a MAJ is already running for this person; a new one requires the previous one to end.`,
  );
}

/**
 * Records a MAJ from the département's notice (C. civ. 495-2, CASF L271-6), for an existing person (the notice names
 * one the département knows), with no protection measure in force from either subgraph (C. civ. 495-1: the
 * département's are relayed here), with the term the judgment fixed (C. civ. 495-8); opens the person's account and
 * tells the département (`maj.recorded`). In the caller's transaction; a refusal writes nothing.
 */
export async function recordMajFromNotice(
  tx: EntityManager,
  judgment: MajJudgment,
  actor: Actor,
  opts: { today: string; publish?: boolean },
): Promise<JudicialMeasure> {
  const { beneficiaryId } = judgment;
  await lockPerson(tx, beneficiaryId);
  let noticeId = judgment.noticeId ?? null;
  if (!noticeId) {
    const open: { noticeId: string }[] = await tx.query(OPEN_NOTICES_SQL, [beneficiaryId, actor.orgId, opts.today]);
    noticeId = open[0]?.noticeId ?? null;
  }
  const [notice]: (ReceivedNotice | undefined)[] =
    noticeId && isUuid(noticeId)
      ? await tx.query(NOTICE_FOR_MAJ_SQL, [noticeId.toLowerCase(), beneficiaryId, actor.orgId, opts.today])
      : [];
  assertMajFromNotice(notice);
  if (notice.majId) throw alreadyActive();
  assertTermOfJudgment(notice, judgment.startsOn, judgment.endsOn);
  const protections = await tx.getRepository(MajProtectionMeasure).find({ where: { beneficiaryId } });
  assertNoIncompatibleProtection(protections, judgment.startsOn);
  const running = await tx
    .getRepository(JudicialMeasure)
    .count({ where: { beneficiaryId, status: JudicialMeasureStatus.ACTIVE } });
  if (running) throw alreadyActive();
  const measure = tx.getRepository(JudicialMeasure).create({
    id: judgment.id ?? randomUUID(),
    beneficiaryId,
    mandataireOrgId: actor.orgId,
    court: judgment.court,
    judgmentDate: judgment.judgmentDate,
    reference: judgment.reference,
    procureurRequestReference: judgment.procureurRequestReference,
    reportReference: judgment.reportReference,
    benefitsCovered: judgment.benefitsCovered,
    extensionOrdered: judgment.extensionOrdered,
    status: JudicialMeasureStatus.ACTIVE,
    startsOn: judgment.startsOn,
    initialEndsOn: judgment.endsOn,
    endsOn: judgment.endsOn,
    endedOn: null,
    endReason: null,
    noticeId: notice.noticeId,
    recordedBySub: actor.sub,
  });
  // the driver rewrites enum arrays it persists
  await tx.getRepository(JudicialMeasure).insert({ ...measure, benefitsCovered: [...judgment.benefitsCovered] });
  await tx.getRepository(MajAccount).insert({
    id: judgment.accountId ?? randomUUID(),
    judicialMeasureId: measure.id,
    beneficiaryId,
    balanceCents: 0,
    lastOperationId: null,
    lastOperationDate: null,
  });
  if (opts.publish ?? true) await publishMajTerm(tx, measure);
  return measure;
}

/** Tells the département the MAJ and its current term (at the judgment, and again at each renewal). */
export async function publishMajTerm(tx: EntityManager, j: JudicialMeasure): Promise<void> {
  if (!j.noticeId) return; // a MAJ recorded before notices travelled: the département never knew its notice
  await publish(tx, 'maj.recorded', {
    majId: j.id,
    noticeId: j.noticeId,
    beneficiaryId: j.beneficiaryId,
    startsOn: j.startsOn,
    endsOn: j.endsOn,
  });
}

/**
 * Ends a running MAJ on `endedOn` (within its course) for `reason`, and tells the département (`maj.ended`): its
 * notice closes, the MJPM's reach there ends, the référent is told.
 */
export async function endMaj(
  tx: EntityManager,
  j: JudicialMeasure,
  endedOn: string,
  reason: MajEndReason,
  opts: { publish?: boolean } = {},
): Promise<void> {
  const day = endedOn < j.startsOn ? j.startsOn : endedOn > j.endsOn ? j.endsOn : endedOn;
  await tx
    .getRepository(JudicialMeasure)
    .update({ id: j.id }, { status: JudicialMeasureStatus.ENDED, endedOn: day, endReason: reason });
  Object.assign(j, { status: JudicialMeasureStatus.ENDED, endedOn: day, endReason: reason });
  if (opts.publish ?? true)
    await publish(tx, 'maj.ended', { majId: j.id, beneficiaryId: j.beneficiaryId, endsOn: day, reason });
}

/** Why the MAJ ends when the département closes its notice (`maj-notice.closed` reasons). */
export function endReasonOfNoticeClose(reason: string): MajEndReason {
  if (reason === 'PROTECTION_MEASURE_OPENED') return MajEndReason.PROTECTION_MEASURE_OPENED;
  if (reason === 'TERM') return MajEndReason.TERM;
  return MajEndReason.MAINLEVEE; // the département recorded the end of the judicial measure
}

/** The département writes SAUVEGARDE_JUSTICE where this subgraph writes SAUVEGARDE_DE_JUSTICE; the rest are alike. */
export function protectionKindOf(kind: string): MajProtectionKind | null {
  if (kind === 'SAUVEGARDE_JUSTICE') return MajProtectionKind.SAUVEGARDE_DE_JUSTICE;
  return (Object.values(MajProtectionKind) as string[]).includes(kind) ? (kind as MajProtectionKind) : null;
}

/** This subgraph's protection kind as the département writes it (`protection.recorded` to the département). */
export function departmentKindOf(kind: MajProtectionKind): string {
  return kind === MajProtectionKind.SAUVEGARDE_DE_JUSTICE ? 'SAUVEGARDE_JUSTICE' : kind;
}
