import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { EvaluationKind } from './enums';

/**
 * An evaluation (collecte with the CASU single form's fields, diagnostic, evaluation of the results): SOCIAL, except
 * its handover summary (SOCIAL_SUMMARY), the only part a délégataire or an MJPM receives (schema/policy.md › Why).
 */
@Entity({ name: 'evaluation' })
@ObjectType('Evaluation')
export class Evaluation {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @Public()
  @Field(() => EvaluationKind)
  kind: EvaluationKind;

  @Column({ name: 'evaluated_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  evaluatedOn: string;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  @Column({ name: 'housing_situation', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  housingSituation: string | null;

  @Column({ name: 'family_situation', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  familySituation: string | null;

  @Column({ name: 'resources_and_charges', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  resourcesAndCharges: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  debts: string | null;

  @Column({ name: 'health_and_safety', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  healthAndSafety: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  autonomy: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  needs: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  diagnosis: string | null;

  @Column({ name: 'handover_summary', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String, {
    description: 'The short summary handed to a délégataire or an MJPM.',
  })
  handoverSummary: string | null;
}
