import { buildFederatedSchema, FederatedSchema } from '../kit/schema/build-federated-schema';
import './rules/errors'; // exposes the business codes
import { BeneficiaryResolver, beneficiaryReference } from './resolvers/beneficiary.resolver';
import { CaseloadResolver, StatisticsResolver } from './resolvers/caseload.resolver';
import { MeasureResolver, measureReference } from './resolvers/measure.resolver';
import { BeneficiaryMedicalResolver, L2716ReportResolver, ProcedureResolver } from './resolvers/procedure.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';

export function buildDepartmentSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'department', ownsPerson: true },
    resolvers: [BeneficiaryResolver, BeneficiaryMedicalResolver, MeasureResolver, ProcedureResolver, L2716ReportResolver, CaseloadResolver, StatisticsResolver, RegistryResolver],
    referenceResolvers: { ...beneficiaryReference, ...measureReference },
  });
}
