import { buildFederatedSchema, FederatedSchema } from '../kit/build-federated-schema';
import { AssociationMeasureResolver, DelegatedFileResolver, measureReference } from './resolvers/delegated-file.resolver';

export function buildAssociationSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'association' },
    resolvers: [DelegatedFileResolver, AssociationMeasureResolver],
    referenceResolvers: measureReference,
  });
}
