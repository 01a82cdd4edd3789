import { buildFederatedSchema, FederatedSchema } from '../kit/schema/build-federated-schema';
import './rules/errors'; // registers the business codes with exposeCodes
import { JudicialMeasureMutationResolver } from './resolvers/judicial-measure.mutation';
import {
  JudicialMeasureResolver,
  MajAccountOperationResolver,
  MandataireBeneficiaryResolver,
  mandataireReferences,
} from './resolvers/judicial-measure.resolver';
import { ManagementAccountResolver } from './resolvers/management-account.resolver';
import { MandataireNotificationResolver } from './resolvers/notification.resolver';
import { MajNoticeReceivedResolver } from './resolvers/maj-notice.resolver';

export function buildMandataireSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'mandataire' },
    resolvers: [
      JudicialMeasureResolver,
      MandataireBeneficiaryResolver,
      MajAccountOperationResolver,
      JudicialMeasureMutationResolver,
      ManagementAccountResolver,
      MandataireNotificationResolver,
      MajNoticeReceivedResolver,
    ],
    referenceResolvers: mandataireReferences,
  });
}
