import type { SubgraphDatabase } from '../kit/data-source';
import { DelegatedFile } from './entities/delegated-file.entity';
import { migrations } from './migrations';

export const associationDatabase: SubgraphDatabase = { schema: 'association', entities: [DelegatedFile], migrations };
