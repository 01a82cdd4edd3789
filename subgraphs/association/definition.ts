import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { associationDatabase } from './data-source';
import { AssociationLoaders, createLoaders } from './loaders';
import { seedAssociation } from './seed';
import { buildAssociationSchema } from './schema';
import {
  handleContractBenefitsChanged,
  handleDelegationEnded,
  handleDelegationGranted,
} from './events/delegation.handlers';
import { closeFilesAfterWindow } from './resolvers/file-lifecycle';

/** The associations' subgraph: the files of delegated MASP 2 measures (CASF L271-3). */
export const association: RunnableSubgraph<AssociationLoaders> = {
  name: 'association',
  database: associationDatabase,
  buildSchema: buildAssociationSchema,
  createLoaders,
  usesRegistry: true,
  seed: seedAssociation,
  consumes: {
    'delegation.granted': handleDelegationGranted,
    'delegation.ended': handleDelegationEnded,
    'contract.benefits-changed': handleContractBenefitsChanged,
  },
  schedule: [
    // CASF L271-3: files go CLOSING at their delegation's end, CLOSED after the closing window (reach already stopped)
    { task: 'close-files-after-window', cron: '17 * * * *', run: closeFilesAfterWindow },
  ],
};
