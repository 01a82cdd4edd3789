import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DirectPaymentRequester, EndReason, ProcureurOutcome } from '../../entities/enums';

/**
 * CASF L271-5: the request. The lease, its landlord and rent, and the arrears come from the landlord's own records
 * (`lease.recorded`, `arrears.reached`), never typed here.
 */
@InputType()
export class RequestDirectPaymentInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => ID, { nullable: true, description: "The landlord's lease (its id in the landlord's records)." })
  leaseId?: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) requestedOn?: string;
  @Field({ nullable: true }) identityAndAddress?: string;
  @Field(() => [String], { nullable: true }) payingBodies?: string[];
  @Field({ nullable: true }) landlordName?: string;
  @Field({ nullable: true }) grounds?: string;
  @Field({ nullable: true, description: 'Signatory (the PCD or delegate).' }) signedBy?: string;
  @Field(() => DirectPaymentRequester, {
    nullable: true,
    description:
      'Who asks the judge (CASF L271-5; the préfet and the CCAPEX since loi n° 2023-668). Default DEPARTEMENT.',
  })
  requester?: DirectPaymentRequester;
  @Field(() => GraphQLCents, {
    nullable: true,
    description:
      "The household's monthly resources: the answer warns when rent and charges leave less than its RSA amount.",
  })
  monthlyResourcesCents?: number;
}

/** CASF L271-5: the judge dismissed the request (no payment order, no measure). */
@InputType()
export class RecordDirectPaymentDismissalInput {
  @Field(() => ID) requestId: string;
  @Field() court: string;
  @Field(() => GraphQLLocalDate) judgmentOn: string;
  @Field() reference: string;
}

@InputType()
export class RecordDirectPaymentJudgmentInput {
  @Field(() => ID) requestId: string;
  @Field() court: string;
  @Field(() => GraphQLLocalDate) judgmentOn: string;
  @Field() reference: string;
  @Field(() => GraphQLCents) monthlyAmountCents: number;
  @Field(() => GraphQLCents, { description: 'Monthly resources of the household, for the reste-à-vivre floor.' })
  monthlyResourcesCents: number;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => Int) months: number;
  @Field(() => ID, { description: 'The paying body the judge orders to pay the landlord (its organisation id).' })
  payingBodyOrgId: string;
}

@InputType()
export class RenewDirectPaymentInput {
  @Field(() => ID) measureId: string;
  @Field() court: string;
  @Field(() => GraphQLLocalDate) judgmentOn: string;
  @Field() reference: string;
  @Field(() => GraphQLCents) monthlyAmountCents: number;
  @Field(() => GraphQLCents) monthlyResourcesCents: number;
  @Field(() => GraphQLCents) rentAndChargesCents: number;
  @Field(() => Int) months: number;
}

@InputType()
export class EndDirectPaymentInput {
  @Field(() => ID) measureId: string;
  @Field(() => GraphQLLocalDate) endedOn: string;
  @Field(() => EndReason, { description: 'TERM, PCD_REQUEST, MAINLEVEE, …' }) reason: EndReason;
}

@InputType()
export class OpenL2716ReportInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => GraphQLLocalDate) openedOn: string;
  @Field() socialEvaluation: string;
  @Field() financialEvaluation: string;
  @Field() actionsBilan: string;
}

@InputType()
export class WriteMedicalAnnexInput {
  @Field(() => ID, { description: 'The person: the annex joins their L271-6 report in draft.' }) beneficiaryId: string;
  @Field(() => GraphQLLocalDate) writtenOn: string;
  @Field() content: string;
}

@InputType()
export class SendL2716ReportInput {
  @Field(() => ID) reportId: string;
  @Field(() => GraphQLLocalDate) sentOn: string;
}

@InputType()
export class RecordProcureurDecisionInput {
  @Field(() => ID) reportId: string;
  @Field(() => ProcureurOutcome) outcome: ProcureurOutcome;
  @Field(() => GraphQLLocalDate) decidedOn: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class RecordMajNoticeInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => ID) mandataireOrgId: string;
  @Field(() => GraphQLLocalDate) judgmentOn: string;
  @Field() court: string;
  @Field() reference: string;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) endsOn?: string;
}

@InputType()
export class EndMajNoticeInput {
  @Field(() => ID) majNoticeId: string;
  @Field(() => GraphQLLocalDate, { description: "First day without the MJPM's reach." }) endsOn: string;
}
