import { MandataireCode, ruleError } from './errors';
import { formatDateFr } from '../../kit/rules/french';

/** A notice the département sent the service, as the MAJ recorded from it sees it. */
export interface ReceivedNotice {
  noticeId: string;
  startsOn: string;
  endsOn: string;
  /** The MAJ already recorded from this notice, if any. */
  majId: string | null;
}

/**
 * C. civ. 495-2 with CASF L271-6: a MAJ is ordered only on the procureur's request after the département's report,
 * and the département records the judgment's notice for the MJPM service it names. A MAJ is recorded here only from
 * such a notice, open, for that person and the caller's service: none (no referral, no notice, another service's
 * notice, a person the département does not know) refuses it: MAJ_WITHOUT_NOTICE.
 */
export function assertMajFromNotice(notice: ReceivedNotice | undefined): asserts notice is ReceivedNotice {
  if (!notice) {
    throw ruleError(
      MandataireCode.MAJ_WITHOUT_NOTICE,
      'C. civ. 495-2, CASF L271-6',
      `une MAJ n'est enregistrée que sur l'avis du jugement que le Département a enregistré pour cette personne et votre service (après la saisine du juge par le procureur) ; aucun avis ouvert ne correspond.`,
      `a MAJ is recorded only from the judgment's notice the département recorded for this person and your service (after the procureur referred the case); no open notice matches.`,
      { field: 'majNoticeId' },
    );
  }
}

/**
 * C. civ. 495-8: the judge fixes the MAJ's term; the MAJ runs from the start to the term the notice carries, not
 * another. Refused: MAJ_TERM_NOT_JUDGMENT.
 */
export function assertTermOfJudgment(notice: ReceivedNotice, startsOn: string, endsOn: string): void {
  if (startsOn !== notice.startsOn || endsOn !== notice.endsOn) {
    throw ruleError(
      MandataireCode.MAJ_TERM_NOT_JUDGMENT,
      'C. civ. 495-8',
      `la MAJ court du ${formatDateFr(notice.startsOn)} au ${formatDateFr(notice.endsOn)}, terme fixé par le jugement notifié au Département.`,
      `the MAJ runs from ${notice.startsOn} to ${notice.endsOn}, the term the judgment notified to the département fixed.`,
      { field: startsOn !== notice.startsOn ? 'startsOn' : 'endsOn', startsOn: notice.startsOn, endsOn: notice.endsOn },
    );
  }
}

/**
 * C. civ. 495-7: the MJPM pays the person's rent from the benefits it manages: a rent payment names a lease of that
 * person, as the département relayed it (`lease.known`). Another person's lease, or an unknown id: LEASE_NOT_OF_PERSON.
 */
export function assertLeaseOfPerson(known: boolean): void {
  if (!known) {
    throw ruleError(
      MandataireCode.LEASE_NOT_OF_PERSON,
      'C. civ. 495-7',
      `le loyer payé sur le compte de la personne est celui d'un de ses baux, connus du Département ; ce bail n'en est pas un.`,
      `the rent paid from the person's account is that of one of their leases, as the département knows them; this lease is not one.`,
      { field: 'leaseId' },
    );
  }
}
