import { buildFederatedSchema, FederatedSchema } from '../kit/build-federated-schema';
import { BailleurBeneficiaryResolver, bailleurReferences, LeaseResolver } from './resolvers/lease.resolver';

export function buildBailleurSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    resolvers: [LeaseResolver, BailleurBeneficiaryResolver],
    referenceResolvers: bailleurReferences,
  });
}
