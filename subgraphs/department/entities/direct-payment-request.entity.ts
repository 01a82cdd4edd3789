import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { DirectPaymentRequestStatus } from './enums';

/** The PCD's request to the judge for a direct payment of benefits to the landlord (CASF L271-5): JUDICIAL content. */
@Entity({ name: 'direct_payment_request' })
@ObjectType('DirectPaymentRequest')
export class DirectPaymentRequest {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @Public()
  @Field(() => DirectPaymentRequestStatus)
  status: DirectPaymentRequestStatus;

  @Column({ name: 'requested_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  requestedOn: string;

  @Column({ name: 'signed_by', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  signedBy: string;

  @Column({ name: 'identity_and_address', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  identityAndAddress: string;

  @Column({ name: 'paying_bodies', type: 'text', array: true })
  @ClassifiedField(Domain.JUDICIAL, () => [String])
  payingBodies: string[];

  @Column({ name: 'landlord_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  landlordOrgId: string;

  @Column({ name: 'landlord_name', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  landlordName: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  grounds: string;

  @Column({ name: 'declared_arrears_months', type: 'integer' })
  @ClassifiedField(Domain.JUDICIAL, () => Int)
  declaredArrearsMonths: number;

  @Column({ name: 'landlord_declaration_ref', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  landlordDeclarationRef: string;

  @Column({ name: 'rent_and_charges_cents', type: 'integer' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLCents)
  rentAndChargesCents: number;

  /** The lease the request is about (the landlord's record, `lease_fact`); none on requests from before. */
  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: "The landlord's lease the direct payment is asked for." })
  leaseId: string | null;

  /** The arrears the landlord's records show (`arrears_fact`), on which the request was filed. */
  @Column({ name: 'arrears_fact_id', type: 'uuid', nullable: true })
  arrearsFactId: string | null;

  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The MASP 3 measure opened by the judgment.' })
  measureId: string | null;
}
