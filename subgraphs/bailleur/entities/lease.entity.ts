import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** A lease held by a landlord (bailleur). All it says about the tenant is TENANCY (schema/policy.md › Why). */
@Entity({ name: 'lease' })
@ObjectType('Lease')
@Directive('@key(fields: "id")')
export class Lease {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'landlord_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  landlordOrgId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.TENANCY, () => String, { description: "The landlord's lease reference." })
  reference: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.TENANCY, () => String)
  address: string;

  @Column({ name: 'tenant_name', type: 'text' })
  @ClassifiedField(Domain.TENANCY, () => String, { description: 'The tenant name as written on the lease.' })
  tenantName: string;

  @Column({ name: 'rent_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'Monthly rent, euro cents.' })
  rentCents: number;

  @Column({ name: 'charges_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'Monthly charges, euro cents.' })
  chargesCents: number;

  @Column({ name: 'starts_on', type: 'date' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate, {
    description: 'The last day of the lease, once the landlord recorded its end (none while it runs).',
  })
  endsOn: string | null;

  /** Who recorded it (the clerk, `sub`); none for leases from before leases were recorded through the API. */
  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy: string | null;
}
