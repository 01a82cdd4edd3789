import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { mandataireDatabase } from './data-source';
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
};
