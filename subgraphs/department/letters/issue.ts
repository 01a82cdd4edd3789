import type { EntityManager } from 'typeorm';
import { todayIso } from '../../kit/rules/calendar';
import { DecisionLetter, type Beneficiary } from '../entities';
import type { DecisionKind } from '../entities/enums';
import { contestUntil } from './recourse';
import { LetterBody, renderLetter, sha256Hex } from './render';

/**
 * Writes the letter notifying a decision, in the decision's own transaction (both commit or neither): the PDF as
 * sent, its hash, and the contestation deadline counted from the notification. Until the avis de réception is
 * recorded (`recordLetterNotified`), the notification date is the day of sending: the decision's own notification
 * date when given, else today (or the decision's date, if later).
 */
export async function issueDecisionLetter(
  tx: EntityManager,
  person: Pick<Beneficiary, 'id' | 'firstName' | 'lastName' | 'address'>,
  decision: { kind: DecisionKind; subjectId: string; decidedOn: string; notifiedOn?: string | null },
  body: LetterBody,
): Promise<DecisionLetter> {
  const today = todayIso();
  const notifiedOn = decision.notifiedOn ?? (decision.decidedOn > today ? decision.decidedOn : today);
  const pdf = await renderLetter(person, body, { decidedOn: decision.decidedOn, notifiedOn });
  const repo = tx.getRepository(DecisionLetter);
  const saved = await repo.save(
    repo.create({
      beneficiaryId: person.id,
      decisionKind: decision.kind,
      subjectId: decision.subjectId,
      decidedOn: decision.decidedOn,
      notifiedOn,
      contestUntil: contestUntil(body.recourse, notifiedOn),
      pdf,
      sha256: sha256Hex(pdf),
    }),
  );
  return saved;
}
