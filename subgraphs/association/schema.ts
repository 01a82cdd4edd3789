import { buildFederatedSchema, FederatedSchema } from '../kit/schema/build-federated-schema';
import './rules/errors'; // exposes the business codes
import { DelegatedBudgetPlanResolver, DelegatedBudgetResolver } from './resolvers/delegated-budget.resolver';
import {
  AssociationMeasureResolver,
  DelegatedFileResolver,
  measureReference,
} from './resolvers/delegated-file.resolver';
import { AssociationNotificationResolver } from './resolvers/notification.resolver';

export function buildAssociationSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'association' },
    resolvers: [
      DelegatedFileResolver,
      AssociationMeasureResolver,
      DelegatedBudgetResolver,
      DelegatedBudgetPlanResolver,
      AssociationNotificationResolver,
    ],
    referenceResolvers: measureReference,
  });
}
