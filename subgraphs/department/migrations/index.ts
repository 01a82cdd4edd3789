import { eventsMigration } from '../../kit/events/events.migration';
import { eventsDeadLetterMigration } from '../../kit/events/events.migration';
import { accessLogMigration } from '../../kit/access-log/audit';
import { replayMigration } from '../../kit/access/replay-store';
import { Init1764000000000 } from './1764000000000-init';
import { CaseManagement1764200000000 } from './1764200000000-case-management';
import { OneRenewalPerEvaluation1764310000000 } from './1764310000000-one-renewal-per-evaluation';
import { LoaderIndexes1764500000000 } from './1764500000000-loader-indexes';
import { LeaseFacts1765450000000 } from './1765450000000-lease-facts';
import { DirectPaymentFromFacts1765600000000 } from './1765600000000-direct-payment-from-facts';
import { MajNoticeLifecycle1765500000000 } from './1765500000000-maj-notice-lifecycle';
import { DelegatairesRegister1765400000000 } from './1765400000000-delegataires-register';
import { WordingContributionScale1766200000000 } from './1766200000000-wording-contribution-scale';
import { WordingTerritorialUnits1766210000000 } from './1766210000000-wording-territorial-units';
import { AlertsRetention1766400000000 } from './1766400000000-alerts-retention';
import { LettersProposalsDocuments1766300000000 } from './1766300000000-letters-proposals-documents';
import { LawStatuteParameters1766100000000 } from './1766100000000-law-statute-parameters';
import { AlertsByPersonIndexes1766500000000 } from './1766500000000-alerts-by-person-indexes';
import { ParameterRangesComplete1766600000000 } from './1766600000000-parameter-ranges-complete';

/** In order. A migration, once released, is never edited: add a new one. */
export const migrations = [
  Init1764000000000,
  accessLogMigration('department'),
  CaseManagement1764200000000,
  OneRenewalPerEvaluation1764310000000,
  LoaderIndexes1764500000000,
  eventsMigration('department'),
  eventsDeadLetterMigration('department'),
  DelegatairesRegister1765400000000,
  LeaseFacts1765450000000,
  MajNoticeLifecycle1765500000000,
  DirectPaymentFromFacts1765600000000,
  replayMigration('department'),
  WordingContributionScale1766200000000,
  WordingTerritorialUnits1766210000000,
  AlertsRetention1766400000000,
  LettersProposalsDocuments1766300000000,
  LawStatuteParameters1766100000000,
  AlertsByPersonIndexes1766500000000,
  ParameterRangesComplete1766600000000,
];
