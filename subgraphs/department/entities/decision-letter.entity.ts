import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { letterTitle, packDocumentTitle } from '../letters/titles';
import { DecisionKind, DocumentKind, L2716DocumentKind } from './enums';

/**
 * The letter notifying a decision the person can contest (contract signed, avenant, renewal, end, refusal of a
 * proposal, L271-5 request, direct-payment judgment), as the PDF sent, with its voies et délais de recours. Written
 * in the decision's own transaction; `contestUntil` runs from `notifiedOn` (the AR's date once recorded).
 * Content: JUDICIAL (schema/policy.md › Documents).
 */
@Entity({ name: 'decision_letter' })
@ObjectType('DecisionLetter')
export class DecisionLetter {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Public()
  @Field(() => DocumentKind)
  get kind(): DocumentKind {
    return DocumentKind.DECISION_LETTER;
  }

  @Column({ name: 'decision_kind', type: 'text' })
  @Public()
  @Field(() => DecisionKind)
  decisionKind: DecisionKind;

  @Column({ name: 'subject_id', type: 'uuid' })
  @Public()
  @Field(() => ID, { description: 'What was decided: the measure, the proposal, the request.' })
  subjectId: string;

  @Column({ name: 'decided_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  decidedOn: string;

  @Column({ name: 'notified_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate, {
    description: 'Sent on that day; the date of the avis de réception once recorded (recordLetterNotified).',
  })
  notifiedOn: string;

  @Column({ name: 'contest_until', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate, { description: 'Last day to contest (two months, CJA R421-1; appeal: CPC).' })
  contestUntil: string;

  @Column({ type: 'bytea', select: true })
  pdf: Buffer;

  @Column({ type: 'text' })
  @Public()
  @Field({ description: 'SHA-256 of the PDF as sent (hex).' })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String, { description: "The letter's subject line (« Objet »)." })
  get title(): string | null {
    return this.decisionKind ? letterTitle(this.decisionKind) : null;
  }

  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'The PDF, base64.' })
  get contentBase64(): string | null {
    return this.pdf ? Buffer.from(this.pdf).toString('base64') : null;
  }
}

/** A document of the L271-6 pack for the parquet (table `report_document`): the report, or its medical annex. */
@Entity({ name: 'report_document' })
export class ReportDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ type: 'text' })
  kind: L2716DocumentKind;

  @Column({ name: 'generated_on', type: 'date' })
  generatedOn: string;

  @Column({ type: 'bytea' })
  pdf: Buffer;

  @Column({ type: 'text' })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** The L271-6 report to the procureur as a PDF (its social part: JUDICIAL, like the report). */
@ObjectType('L2716ReportDocument')
export class L2716ReportDocument {
  @Public()
  @Field(() => ID)
  id: string;

  beneficiaryId: string;

  @Public()
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Public()
  @Field(() => ID, { description: 'The L271-6 report.' })
  reportId: string;

  @Public()
  @Field(() => GraphQLLocalDate)
  generatedOn: string;

  @Public()
  @Field({ description: 'SHA-256 of the PDF (hex).' })
  sha256: string;

  pdf: Buffer;

  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String)
  get title(): string | null {
    return this.kind ? packDocumentTitle(this.kind) : null;
  }

  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'The PDF, base64.' })
  get contentBase64(): string | null {
    return this.pdf ? Buffer.from(this.pdf).toString('base64') : null;
  }
}

/** The sealed medical annex (pli cacheté) as a separate PDF: MEDICAL, the médecin only (and the parquet, on paper). */
@ObjectType('MedicalAnnexDocument')
export class MedicalAnnexDocument {
  @Public()
  @Field(() => ID)
  id: string;

  beneficiaryId: string;

  @Public()
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Public()
  @Field(() => ID, { description: 'The L271-6 report.' })
  reportId: string;

  @Public()
  @Field(() => GraphQLLocalDate)
  generatedOn: string;

  @Public()
  @Field({ description: 'SHA-256 of the PDF (hex).' })
  sha256: string;

  pdf: Buffer;

  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String)
  get title(): string | null {
    return this.kind ? packDocumentTitle(this.kind) : null;
  }

  @ClassifiedField(Domain.MEDICAL, () => String, { description: 'The PDF, base64 (sealed: the médecin only).' })
  get contentBase64(): string | null {
    return this.pdf ? Buffer.from(this.pdf).toString('base64') : null;
  }
}
