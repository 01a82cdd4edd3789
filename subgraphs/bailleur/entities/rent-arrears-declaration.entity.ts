import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { GraphQLCents, GraphQLMonth } from '../../kit/schema/scalars';

/** A landlord's statement that rent is unpaid for the given months, and the total then due (CASF L271-5 path). */
@Entity({ name: 'rent_arrears_declaration' })
@ObjectType('RentArrearsDeclaration')
export class RentArrearsDeclaration {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  leaseId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text', array: true })
  @ClassifiedField(Domain.TENANCY, () => [GraphQLMonth], { description: 'The unpaid months, YYYY-MM.' })
  months: string[];

  @Column({ name: 'amount_due_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'The total due for those months, euro cents.' })
  amountDueCents: number;

  @Column({ name: 'declared_by', type: 'text' })
  @ClassifiedField(Domain.TENANCY, () => String, { description: 'Who declared (the clerk, `sub`).' })
  declaredBy: string;

  @Column({ name: 'declared_at', type: 'timestamptz', default: () => 'now()' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLDateTime)
  declaredAt: Date;
}
