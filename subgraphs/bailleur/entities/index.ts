export { Lease } from './lease.entity';
export { DirectPaymentOrder, PayerKind } from './direct-payment-order.entity';
export { RentPayment, RentPaymentStatus } from './rent-payment.entity';
export { BailleurBeneficiary } from './beneficiary.stub';
