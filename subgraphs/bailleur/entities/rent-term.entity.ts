import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** One line of a lease's dated rent table: rent and charges in force from `effectiveFrom` until the next line. */
@Entity({ name: 'lease_rent' })
@ObjectType('RentTerm')
export class RentTerm {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'effective_from', type: 'date' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate)
  effectiveFrom: string;

  @Column({ name: 'rent_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'Monthly rent, euro cents.' })
  rentCents: number;

  @Column({ name: 'charges_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'Monthly charges, euro cents.' })
  chargesCents: number;
}
