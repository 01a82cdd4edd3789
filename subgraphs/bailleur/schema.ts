import { buildFederatedSchema, FederatedSchema } from '../kit/build-federated-schema';
import { BailleurBeneficiaryResolver, bailleurReferences, LeaseResolver } from './resolvers/lease.resolver';

export function buildBailleurSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'bailleur' },
    resolvers: [LeaseResolver, BailleurBeneficiaryResolver],
    referenceResolvers: bailleurReferences,
  });
}
