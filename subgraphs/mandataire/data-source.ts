import type { SubgraphDatabase } from '../kit/db/data-source';
import { JudicialMeasure } from './entities/judicial-measure.entity';
import { MajAccount, MajAccountOperation } from './entities/maj-account.entity';
import { MajProtectionMeasure } from './entities/protection-measure.entity';
import { MajRenewal } from './entities/maj-renewal.entity';
import { MajReport } from './entities/maj-report.entity';
import { MajNoticeReceived } from './entities/maj-notice.entity';
import { migrations } from './migrations';

export const mandataireDatabase: SubgraphDatabase = {
  schema: 'mandataire',
  entities: [
    JudicialMeasure,
    MajRenewal,
    MajProtectionMeasure,
    MajAccount,
    MajAccountOperation,
    MajReport,
    MajNoticeReceived,
  ],
  migrations,
};
