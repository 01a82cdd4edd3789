import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { BilanKind } from './enums';

/** A bilan of the délégataire: progress reports, and the end-of-delegation bilan handed back to the département. */
@Entity({ name: 'delegation_bilan' })
@ObjectType('DelegationBilan')
export class DelegationBilan {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @Public()
  @Field(() => BilanKind)
  kind: BilanKind;

  @Column({ name: 'written_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  writtenOn: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String, {
    description: 'The bilan itself (the délégataire holds SOCIAL_SUMMARY, never SOCIAL).',
  })
  summary: string;

  @Column({ name: 'author_sub', type: 'text' })
  @Public()
  @Field({ description: 'Who wrote it (`sub`).' })
  authorSub: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;
}
