import { buildFederatedSchema, FederatedSchema } from '../kit/schema/build-federated-schema';
import './rules/errors'; // exposes the business codes
import { DirectPaymentOrderResolver } from './resolvers/direct-payment-order.resolver';
import { BailleurBeneficiaryResolver, bailleurReferences, LeaseResolver } from './resolvers/lease.resolver';
import { RentPaymentResolver } from './resolvers/rent-payment.resolver';
import { LandlordNotificationResolver } from './resolvers/notification.resolver';
import { LeaseRecordResolver } from './resolvers/lease-record.resolver';

export function buildBailleurSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    accessLog: { field: 'bailleur' },
    resolvers: [
      LeaseResolver,
      BailleurBeneficiaryResolver,
      RentPaymentResolver,
      DirectPaymentOrderResolver,
      LandlordNotificationResolver,
      LeaseRecordResolver,
    ],
    referenceResolvers: bailleurReferences,
  });
}
