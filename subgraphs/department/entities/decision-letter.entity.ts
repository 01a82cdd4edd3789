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
 * Served as a `Document`.
 */
@Entity({ name: 'decision_letter' })
export class DecisionLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'decision_kind', type: 'text' })
  decisionKind: DecisionKind;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn: string;

  @Column({ name: 'notified_on', type: 'date' })
  notifiedOn: string;

  @Column({ name: 'contest_until', type: 'date' })
  contestUntil: string;

  @Column({ type: 'bytea' })
  pdf: Buffer;

  @Column({ type: 'text' })
  sha256: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
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

/**
 * A document of the person's file, as the API shows it (schema/policy.md › Documents): a decision letter, the L271-6
 * report, or its medical annex. Metadata public; the title SOCIAL_SUMMARY; the PDF as `contentBase64` (JUDICIAL: a
 * decision letter or the report), or, for the medical annex alone, as `sealedContentBase64` (MEDICAL: the médecin).
 */
@ObjectType('Document')
export class Document {
  @Public()
  @Field(() => ID)
  id: string;

  beneficiaryId: string;

  @Public()
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Public()
  @Field(() => DecisionKind, { nullable: true, description: 'For a decision letter: the decision notified.' })
  decisionKind: DecisionKind | null;

  @Public()
  @Field(() => ID, { description: 'What it is about: the measure, the proposal, the request, the L271-6 report.' })
  subjectId: string;

  @Public()
  @Field(() => GraphQLLocalDate, { description: 'The decision (a letter), or the report sent (the pack).' })
  decidedOn: string;

  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'A letter: sent on that day; the date of the avis de réception once recorded (recordLetterNotified).',
  })
  notifiedOn: string | null;

  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'A letter: the last day to contest (two months, CJA R421-1; a judgment: appeal, CPC 538).',
  })
  contestUntil: string | null;

  @Public()
  @Field({ description: 'SHA-256 of the PDF as stored (hex).' })
  sha256: string;

  pdf: Buffer;

  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String, { description: "The document's title (a letter's « Objet »)." })
  get title(): string | null {
    if (this.kind === DocumentKind.DECISION_LETTER) return this.decisionKind ? letterTitle(this.decisionKind) : null;
    return this.kind ? packDocumentTitle(this.kind) : null;
  }

  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description: 'The PDF, base64: a decision letter or the L271-6 report (null for the medical annex: sealed).',
  })
  get contentBase64(): string | null {
    return this.pdf && this.kind !== DocumentKind.MEDICAL_ANNEX ? Buffer.from(this.pdf).toString('base64') : null;
  }

  @ClassifiedField(Domain.MEDICAL, () => String, {
    description: 'The medical annex of the L271-6 pack, base64: the médecin only (null for any other document).',
  })
  get sealedContentBase64(): string | null {
    return this.pdf && this.kind === DocumentKind.MEDICAL_ANNEX ? Buffer.from(this.pdf).toString('base64') : null;
  }

  /** A stored letter as a document. */
  static ofLetter(l: DecisionLetter): Document {
    return Object.assign(new Document(), {
      id: l.id,
      beneficiaryId: l.beneficiaryId,
      kind: DocumentKind.DECISION_LETTER,
      decisionKind: l.decisionKind,
      subjectId: l.subjectId,
      decidedOn: l.decidedOn,
      notifiedOn: l.notifiedOn,
      contestUntil: l.contestUntil,
      sha256: l.sha256,
      pdf: l.pdf,
    });
  }

  /** A stored document of the L271-6 pack as a document (dated the day it was made, the report sent). */
  static ofPack(r: ReportDocument): Document {
    return Object.assign(new Document(), {
      id: r.id,
      beneficiaryId: r.beneficiaryId,
      kind: r.kind,
      decisionKind: null,
      subjectId: r.reportId,
      decidedOn: r.generatedOn,
      notifiedOn: null,
      contestUntil: null,
      sha256: r.sha256,
      pdf: r.pdf,
    });
  }
}
