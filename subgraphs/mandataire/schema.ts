import { buildFederatedSchema, FederatedSchema } from '../kit/build-federated-schema';
import { JudicialMeasureResolver, MandataireBeneficiaryResolver, mandataireReferences } from './resolvers/judicial-measure.resolver';

export function buildMandataireSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'mandataire' },
    resolvers: [JudicialMeasureResolver, MandataireBeneficiaryResolver],
    referenceResolvers: mandataireReferences,
  });
}
