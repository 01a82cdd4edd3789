import type { SubgraphDatabase } from '../kit/data-source';
import { JudicialMeasure } from './entities/judicial-measure.entity';
import { migrations } from './migrations';

export const mandataireDatabase: SubgraphDatabase = { schema: 'mandataire', entities: [JudicialMeasure], migrations };
