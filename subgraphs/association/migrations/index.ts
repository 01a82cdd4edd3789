import { eventsMigration } from '../../kit/events/events.migration';
import { eventsDeadLetterMigration } from '../../kit/events/events.migration';
import { accessLogMigration } from '../../kit/access-log/audit';
import { replayMigration } from '../../kit/access/replay-store';
import { Init1764000000000 } from './1764000000000-init';
import { BudgetLedger1764200000000 } from './1764200000000-budget-ledger';
import { LoaderIndexes1764500000000 } from './1764500000000-loader-indexes';
import { DelegationsFromEvents1765400000000 } from './1765400000000-delegations-from-events';

/** In order. A migration, once released, is never edited: add a new one. */
export const migrations = [
  Init1764000000000,
  accessLogMigration('association'),
  BudgetLedger1764200000000,
  LoaderIndexes1764500000000,
  eventsMigration('association'),
  eventsDeadLetterMigration('association'),
  DelegationsFromEvents1765400000000,
  replayMigration('association'),
];
