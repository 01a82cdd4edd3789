import { eventsMigration } from '../../kit/events/events.migration';
import { eventsDeadLetterMigration } from '../../kit/events/events.migration';
import { accessLogMigration } from '../../kit/access-log/audit';
import { replayMigration } from '../../kit/access/replay-store';
import { Init1764000000000 } from './1764000000000-init';
import { MajManagement1764200000000 } from './1764200000000-maj-management';
import { MajFromNotice1765500000000 } from './1765500000000-maj-from-notice';
import { WordingCourtNames1766220000000 } from './1766220000000-wording-court-names';

/** In order. A migration, once released, is never edited: add a new one. */
export const migrations = [
  Init1764000000000,
  accessLogMigration('mandataire'),
  MajManagement1764200000000,
  eventsMigration('mandataire'),
  eventsDeadLetterMigration('mandataire'),
  MajFromNotice1765500000000,
  replayMigration('mandataire'),
  WordingCourtNames1766220000000,
];
