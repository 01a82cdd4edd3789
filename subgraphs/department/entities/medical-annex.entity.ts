import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** The medical information of an L271-6 report, under sealed envelope (sous pli cacheté): MEDICAL, the médecin only. */
@Entity({ name: 'medical_annex' })
@ObjectType('MedicalAnnex')
export class MedicalAnnex {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'written_on', type: 'date' })
  @ClassifiedField(Domain.MEDICAL, () => GraphQLLocalDate)
  writtenOn: string;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.MEDICAL, () => String)
  content: string;

  @Column({ name: 'sealed_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.MEDICAL, () => GraphQLLocalDate, { description: 'Sealed into the report when it was sent.' })
  sealedOn: string | null;
}
