import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { associationDatabase } from './data-source';
import { AssociationLoaders, createLoaders } from './loaders';
import { seedAssociation } from './seed';
import { buildAssociationSchema } from './schema';

/** The associations' subgraph: the files of delegated MASP 2 measures (CASF L271-3). */
export const association: RunnableSubgraph<AssociationLoaders> = {
  name: 'association',
  database: associationDatabase,
  buildSchema: buildAssociationSchema,
  createLoaders,
  usesRegistry: true,
  seed: seedAssociation,
};
