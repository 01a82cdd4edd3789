import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';

/** A MAJ judgment as the MJPM service receives it (C. civ. 495…495-9). The service is the caller's organisation. */
@InputType('RecordJudicialMeasureInput')
export class RecordJudicialMeasureInput {
  @Field(() => ID)
  beneficiaryId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The département's notice of this judgment (C. civ. 495-2, CASF L271-6); by default the person's one open notice for your service.",
  })
  majNoticeId?: string | null;

  @Field(() => String, { description: 'The court (tribunal judiciaire, juge des contentieux de la protection).' })
  court: string;

  @Field(() => GraphQLLocalDate)
  judgmentDate: string;

  @Field(() => String, { description: 'The judgment reference (RG number).' })
  reference: string;

  @Field(() => String, { description: "Reference of the procureur's request the judgment answers (C. civ. 495-2)." })
  procureurRequestReference: string;

  @Field(() => String, { nullable: true, description: 'Reference of the L271-6 report the request followed.' })
  reportReference?: string | null;

  @Field(() => [BenefitKind], { description: 'The benefits the judge placed under the MAJ (C. civ. 495-4).' })
  benefitsCovered: BenefitKind[];

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'The judgment extends the MAJ to benefits 18°–29° of D271-2.',
  })
  extensionOrdered: boolean;

  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Field(() => GraphQLLocalDate, {
    description: 'The term the judgment fixed, as in its notice (≤ 24 months after startsOn, C. civ. 495-8).',
  })
  endsOn: string;
}
