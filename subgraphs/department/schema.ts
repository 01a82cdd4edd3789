import { buildFederatedSchema, FederatedSchema } from '../kit/schema/build-federated-schema';
import './rules/errors'; // exposes the business codes
// One resolver per procedure of the law. type-graphql prints fields in the order their modules load: this order keeps
// the SDL (schema/department.graphql) stable.
import { BeneficiaryResolver, beneficiaryReference } from './resolvers/beneficiary.resolver';
import { ReferralResolver } from './resolvers/referral.resolver';
import { BenefitsResolver } from './resolvers/benefits.resolver';
import { EligibilityResolver } from './resolvers/eligibility.resolver';
import { EvaluationResolver } from './resolvers/evaluation.resolver';
import { CaseloadResolver } from './resolvers/caseload.resolver';
import { L2717StatisticsResolver } from './resolvers/l271-7-statistics.resolver';
import { ParameterResolver } from './resolvers/parameter.resolver';
import { MeasureResolver, measureReference } from './resolvers/measure.resolver';
import { ContractResolver } from './resolvers/contract.resolver';
import { DelegationResolver } from './resolvers/delegation.resolver';
import { DirectPaymentResolver } from './resolvers/direct-payment.resolver';
import { L2716ReportResolver } from './resolvers/l271-6-report.resolver';
import { MajNoticeResolver } from './resolvers/maj-notice.resolver';
import { RegistryResolver } from './resolvers/registry.resolver';
import { ReferentNotificationResolver } from './resolvers/notification.resolver';
import { DelegataireResolver } from './resolvers/delegataire.resolver';
import { RetentionResolver } from './retention/retention.resolver';
import { ProposalResolver } from './resolvers/proposal.resolver';
import { DocumentResolver } from './resolvers/document.resolver';

export function buildDepartmentSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'department', ownsPerson: true },
    resolvers: [
      BeneficiaryResolver,
      ReferralResolver,
      BenefitsResolver,
      EligibilityResolver,
      EvaluationResolver,
      CaseloadResolver,
      L2717StatisticsResolver,
      ParameterResolver,
      MeasureResolver,
      ContractResolver,
      DelegationResolver,
      DirectPaymentResolver,
      L2716ReportResolver,
      MajNoticeResolver,
      RegistryResolver,
      ReferentNotificationResolver,
      DelegataireResolver,
      RetentionResolver,
      ProposalResolver,
      DocumentResolver,
    ],
    referenceResolvers: { ...beneficiaryReference, ...measureReference },
  });
}
