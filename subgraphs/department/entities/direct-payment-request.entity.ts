import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { DirectPaymentRequester, DirectPaymentRequestStatus } from './enums';

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

  /** CASF L271-5 (loi n° 2023-668): who asks the judge, the département, the préfet or the CCAPEX. */
  @Column({ type: 'text', default: DirectPaymentRequester.DEPARTEMENT })
  @Public()
  @Field(() => DirectPaymentRequester)
  requester: DirectPaymentRequester;

  /** The household's monthly resources given with the request, for the reste-à-vivre warning (none: not assessed). */
  @Column({ name: 'monthly_resources_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLCents)
  monthlyResourcesCents: number | null;

  /** The household's reste-à-vivre floor on the request's date (the RSA amount of the household by default). */
  @Column({ name: 'reste_a_vivre_floor_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLCents)
  resteAVivreFloorCents: number | null;

  /** CASF L271-5: the warning the request carries when rent and charges would leave less than the floor. */
  @Column({ name: 'reste_a_vivre_warning', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description:
      'A warning, never a refusal: what is left to live on falls below the household’s floor (the judge decides).',
  })
  resteAVivreWarning: string | null;

  /** The judgment's date, court and reference, for a request granted or dismissed. */
  @Column({ name: 'judged_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  judgedOn: string | null;

  @Column({ name: 'judgment_court', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  judgmentCourt: string | null;

  @Column({ name: 'judgment_reference', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  judgmentReference: string | null;
}
