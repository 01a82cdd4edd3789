export { Lease } from './lease.entity';
export { DirectPaymentBasis, DirectPaymentOrder, PayerKind } from './direct-payment-order.entity';
export { RentPayment, RentPaymentStatus } from './rent-payment.entity';
export { RentTerm } from './rent-term.entity';
export { RentPaymentCorrection } from './rent-payment-correction.entity';
export { RentArrearsDeclaration } from './rent-arrears-declaration.entity';
export { BailleurBeneficiary } from './beneficiary.stub';
