import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { GraphQLLocalDate } from '../../kit/schema/scalars';

/**
 * The notice of a MAJ judgment as the département sent it to the MJPM service it names (`maj-notice.recorded`, C. civ.
 * 495-2, CASF L271-6): the MAJ is recorded from it, with its dates. Its id is the département's.
 */
@Entity({ name: 'maj_notice' })
@ObjectType('MajNoticeReceived')
export class MajNoticeReceived {
  @PrimaryColumn({ name: 'notice_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'mandataire_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  mandataireOrgId: string;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate, { description: 'The term the judgment fixed (C. civ. 495-8).' })
  endsOn: string;

  @Column({ name: 'judgment_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  judgmentOn: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  court: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  reference: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The day the département closed it, if it did.' })
  closedOn: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  closeReason: string | null;
}
