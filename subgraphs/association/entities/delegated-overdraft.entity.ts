import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** An explicit authorisation for the managed account to go below zero, down to a limit. */
@Entity({ name: 'delegated_overdraft' })
@ObjectType('DelegatedOverdraft')
export class DelegatedOverdraft {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'limit_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'How far below zero the balance may go, euro cents.',
  })
  limitCents: number;

  @Column({ name: 'valid_from', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  validFrom: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  validUntil: string | null;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BUDGET, () => String)
  reason: string;

  @Column({ name: 'authorised_by_sub', type: 'text' })
  @Public()
  @Field()
  authorisedBySub: string;

  @Column({ name: 'authorised_by_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  authorisedByOrgId: string;
}
