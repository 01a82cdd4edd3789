import { buildFederatedSchema, FederatedSchema } from '../kit/build-federated-schema';
import { BeneficiaryResolver, beneficiaryReference } from './resolvers/beneficiary.resolver';
import { MeasureResolver, measureReference } from './resolvers/measure.resolver';

export function buildDepartmentSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'department', ownsPerson: true },
    resolvers: [BeneficiaryResolver, MeasureResolver],
    referenceResolvers: { ...beneficiaryReference, ...measureReference },
  });
}
