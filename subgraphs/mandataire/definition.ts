import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { mandataireDatabase } from './data-source';
import {
  handleLeaseKnown,
  handleMajNoticeClosed,
  handleMajNoticeRecorded,
  handleProtectionRecorded,
  mandataireSchedule,
} from './events/maj.handlers';
import { createLoaders, MandataireLoaders } from './loaders';
import { seedMandataire } from './seed';
import { buildMandataireSchema } from './schema';

/** The MJPM services' subgraph: the judicial measures (MAJ) they run. */
export const mandataire: RunnableSubgraph<MandataireLoaders> = {
  name: 'mandataire',
  database: mandataireDatabase,
  buildSchema: buildMandataireSchema,
  createLoaders,
  usesRegistry: true,
  seed: seedMandataire,
  consumes: {
    'maj-notice.recorded': handleMajNoticeRecorded,
    'maj-notice.closed': handleMajNoticeClosed,
    'protection.recorded': handleProtectionRecorded,
    'lease.known': handleLeaseKnown,
  },
  schedule: mandataireSchedule,
};
