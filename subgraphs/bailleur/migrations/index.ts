import { eventsMigration } from '../../kit/events/events.migration';
import { eventsDeadLetterMigration } from '../../kit/events/events.migration';
import { accessLogMigration } from '../../kit/access-log/audit';
import { replayMigration } from '../../kit/access/replay-store';
import { Init1764000000000 } from './1764000000000-init';
import { RentHistoryConfirmationsArrears1764200000000 } from './1764200000000-rent-history-confirmations-arrears';
import { LoaderIndexes1764500000000 } from './1764500000000-loader-indexes';
import { LeasesThroughApi1765600000000 } from './1765600000000-leases-through-api';

/** In order. A migration, once released, is never edited: add a new one. */
export const migrations = [
  Init1764000000000,
  accessLogMigration('bailleur'),
  RentHistoryConfirmationsArrears1764200000000,
  LoaderIndexes1764500000000,
  eventsMigration('bailleur'),
  eventsDeadLetterMigration('bailleur'),
  LeasesThroughApi1765600000000,
  replayMigration('bailleur'),
];
