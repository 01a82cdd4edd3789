import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../../schema/events';
import { isUuid } from '../../kit/db/loaders';
import { notify } from '../../kit/events/notify';
import { isIsoDate, todayIso } from '../../kit/rules/calendar';
import { BENEFITS } from '../../../schema/benefits';
import { badInput } from '../rules/errors';
import {
  DELEGATION_BENEFITS_SQL,
  END_DELEGATION_SQL,
  FILE_BENEFITS_SQL,
  FILE_DATES_OF_DELEGATION_SQL,
  UPSERT_DELEGATION_SQL,
} from '../sql';
import { moveFilesToClosing } from '../resolvers/file-lifecycle';

/** What the association tells its users (kit notify): a new delegation, a file closing. */
export const NOTIFICATION = {
  DELEGATION_GRANTED: 'DELEGATION_GRANTED',
  FILE_CLOSING: 'FILE_CLOSING',
} as const;

const isBenefitKind = (k: unknown): boolean => typeof k === 'string' && Object.hasOwn(BENEFITS, k);

/** A malformed event is refused for good (the producer logs it): nothing applied. */
function assertShape(ok: boolean, what: string): void {
  if (!ok) throw badInput('event', `Événement invalide : ${what}.`, `Malformed event: ${what}.`);
}

/**
 * `delegation.granted` (CASF L271-3): the département delegated a MASP 2 to an association (or moved its end: a
 * renewal). Upserts the delegation by its id (applying twice = once), keeps its open file's dates and benefits in step,
 * and tells the association of a new delegation once.
 */
export async function handleDelegationGranted(
  manager: EntityManager,
  event: PartnerEvent<'delegation.granted'>,
): Promise<void> {
  const e = event.data;
  assertShape([e.delegationId, e.measureId, e.beneficiaryId, e.associationOrgId].every(isUuid), 'identifiants / ids');
  assertShape([e.startsOn, e.endsOn, e.reachEndsOn].every(isIsoDate) && e.reachEndsOn >= e.endsOn, 'dates');
  assertShape(Array.isArray(e.managedBenefits) && e.managedBenefits.every(isBenefitKind), 'managedBenefits');
  const [upserted]: { inserted: boolean }[] = await manager.query(UPSERT_DELEGATION_SQL, [
    e.delegationId,
    e.measureId,
    e.beneficiaryId,
    e.associationOrgId,
    e.startsOn,
    e.endsOn,
    e.reachEndsOn,
    e.managedBenefits,
  ]);
  if (!upserted) return; // the delegation has already ended: a late grant does not revive it
  await manager.query(FILE_DATES_OF_DELEGATION_SQL, [e.delegationId, e.endsOn, e.reachEndsOn]);
  await manager.query(FILE_BENEFITS_SQL, [e.measureId]);
  if (upserted.inserted) {
    await notify(manager, {
      audience: { orgId: e.associationOrgId },
      beneficiaryId: e.beneficiaryId,
      kind: NOTIFICATION.DELEGATION_GRANTED,
      data: { delegationId: e.delegationId, measureId: e.measureId, startsOn: e.startsOn, endsOn: e.endsOn },
      eventId: event.id,
    });
  }
}

/**
 * `delegation.ended`: the delegation ends (contract's term, withdrawal, end of the measure). The file goes CLOSING
 * from that day (read-only, final bilan due) — at once if the day has come, else by the scheduled job — and the
 * association's reach ends with the closing window. Idempotent: the end only ever moves earlier.
 */
export async function handleDelegationEnded(
  manager: EntityManager,
  event: PartnerEvent<'delegation.ended'>,
): Promise<void> {
  const e = event.data;
  assertShape(isUuid(e.delegationId), 'delegationId');
  assertShape(isIsoDate(e.endsOn) && isIsoDate(e.reachEndsOn) && e.reachEndsOn >= e.endsOn, 'dates');
  const rows: { endsOn: string; reachEndsOn: string }[] = (
    await manager.query(END_DELEGATION_SQL, [e.delegationId, e.endsOn, e.reachEndsOn, e.reason || 'ENDED'])
  )[0];
  if (!rows.length) return; // a delegation this association never received: nothing of it here
  const [d] = rows;
  await manager.query(FILE_DATES_OF_DELEGATION_SQL, [e.delegationId, d.endsOn, d.reachEndsOn]);
  await moveFilesToClosing(manager, todayIso(), event.id);
}

/**
 * `contract.benefits-changed` (CASF L271-2): an avenant changed the benefits the contract manages; the delegation and
 * its open file follow (the latest effective date wins, so a late redelivery changes nothing).
 */
export async function handleContractBenefitsChanged(
  manager: EntityManager,
  event: PartnerEvent<'contract.benefits-changed'>,
): Promise<void> {
  const e = event.data;
  assertShape(isUuid(e.measureId), 'measureId');
  assertShape(isIsoDate(e.effectiveOn), 'effectiveOn');
  assertShape(Array.isArray(e.managedBenefits) && e.managedBenefits.every(isBenefitKind), 'managedBenefits');
  await manager.query(DELEGATION_BENEFITS_SQL, [e.measureId, e.managedBenefits, e.effectiveOn]);
  await manager.query(FILE_BENEFITS_SQL, [e.measureId]);
}
