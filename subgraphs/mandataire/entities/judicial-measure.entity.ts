import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/classified';

export enum JudicialMeasureStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(JudicialMeasureStatus, { name: 'JudicialMeasureStatus' });

/** A MAJ (C. civ. 495…495-9) run by an MJPM service. The judgment's particulars are JUDICIAL. */
@Entity({ name: 'judicial_measure' })
@ObjectType('JudicialMeasure')
@Directive('@key(fields: "id")')
export class JudicialMeasure {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'mandataire_org_id', type: 'uuid' })
  @Field(() => ID)
  mandataireOrgId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'The court (tribunal judiciaire, juge des contentieux de la protection).' })
  court: string;

  @Column({ name: 'judgment_date', type: 'date' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  judgmentDate: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'The judgment reference (RG number).' })
  reference: string;

  @Column({ type: 'enum', enum: JudicialMeasureStatus, enumName: 'judicial_measure_status' })
  @Field(() => JudicialMeasureStatus)
  status: JudicialMeasureStatus;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Field(() => GraphQLLocalDate)
  endsOn: string;
}
