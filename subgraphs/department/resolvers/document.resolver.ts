import { Arg, Ctx, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Domain, OrgKind } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { isUuid, createGroupLoader } from '../../kit/db/loaders';
import { todayIso } from '../../kit/rules/calendar';
import { notReachable } from '../../kit/rules/errors';
import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Public } from '../../kit/schema/public';
import { FieldResolver } from 'type-graphql';
import {
  Beneficiary,
  ContractProposal,
  DecisionLetter,
  Document,
  DocumentKind,
  L2716Report,
  MedicalAnnex,
  ReportDocument,
  ReportStatus,
} from '../entities';
import { l2716ReportDocument, medicalAnnexDocument } from '../letters/l271-6-pack.document';
import { contestUntil, recourseOf } from '../letters/recourse';
import { renderDocument, sha256Hex } from '../letters/render';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { audit, CASE_WORKERS, Ctx as Context, lockPerson, requireDate, requireId } from './support';

/**
 * Row rule of documents (schema/policy.md › Documents): département staff who reach the person. A partner that
 * reaches the person in this subgraph (a délégataire, an MJPM) does not reach the département's letters.
 */
const readsDocuments = (ctx: Context) => ctx.caller.orgKind === OrgKind.DEPARTEMENT;

interface DocumentLoaders {
  byPerson: DataLoader<string, Document[]>;
  proposalsByPerson: DataLoader<string, ContractProposal[]>;
}
const perRequest = new WeakMap<object, DocumentLoaders>();

/** This request's loaders (one statement per batch of persons; the person's reach is checked by the parent). */
export function documentLoaders(ctx: Context): DocumentLoaders {
  let l = perRequest.get(ctx);
  if (!l) {
    const ds = ctx.dataSource;
    l = {
      byPerson: createGroupLoader<Document>(
        async (ids) => {
          const [letters, pack] = await Promise.all([
            ds.getRepository(DecisionLetter).find({ where: { beneficiaryId: In(ids) }, order: { createdAt: 'ASC' } }),
            ds.getRepository(ReportDocument).find({ where: { beneficiaryId: In(ids) }, order: { createdAt: 'ASC' } }),
          ]);
          return [...letters.map(Document.ofLetter), ...pack.map(Document.ofPack)];
        },
        (d) => d.beneficiaryId,
      ),
      proposalsByPerson: createGroupLoader<ContractProposal>(
        (ids) =>
          ds
            .getRepository(ContractProposal)
            .find({ where: { beneficiaryId: In(ids) }, order: { proposedOn: 'ASC', createdAt: 'ASC' } }),
        (p) => p.beneficiaryId,
      ),
    };
    perRequest.set(ctx, l);
  }
  return l;
}

/**
 * The documents of a file (issue 18): decision letters notified with their voies et délais de recours, and the
 * L271-6 pack for the parquet (the report, and its medical annex as a separate, MEDICAL document). Reads of a
 * document's title and content go to the access log like every classified field.
 */
@Resolver(() => Beneficiary)
export class DocumentResolver {
  @Query(() => Document, {
    nullable: true,
    description: 'One document, if its person is within your reach as département staff (otherwise FORBIDDEN).',
  })
  async document(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Document> {
    const doc = await findDocument(ctx, id);
    if (!doc) throw notReachable('Document');
    return doc;
  }

  @Public()
  @FieldResolver(() => [Document], {
    description: "The file's documents (département staff only; empty for partners), oldest first.",
  })
  async documents(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<Document[]> {
    if (!readsDocuments(ctx)) return [];
    return documentLoaders(ctx).byPerson.load(b.id);
  }

  @Mutation(() => Document, {
    description:
      "Records the date of the letter's avis de réception: the notification, from which the contestation deadline runs.",
  })
  async recordLetterNotified(
    @Arg('id', () => ID) id: string,
    @Arg('notifiedOn', () => GraphQLLocalDate) notifiedOn: string,
    @Ctx() ctx: Context,
  ): Promise<Document> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordLetterNotified');
    const found = await findDocument(ctx, requireId('id', id));
    if (!found || found.kind !== DocumentKind.DECISION_LETTER) throw notReachable('DecisionLetter');
    const on = requireDate('notifiedOn', notifiedOn);
    if (on < found.decidedOn || on > todayIso())
      throw badInput(
        'notifiedOn',
        `La notification suit la décision (${found.decidedOn}) et n'est pas dans le futur.`,
        `The notification follows the decision (${found.decidedOn}) and is not in the future.`,
      );
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, found.beneficiaryId);
      await tx
        .getRepository(DecisionLetter)
        .update(found.id, { notifiedOn: on, contestUntil: contestUntil(recourseOf(found.decisionKind!), on) });
      await audit(tx, ctx, found.beneficiaryId, 'recordLetterNotified', [Domain.SOCIAL_SUMMARY]);
      return Document.ofLetter(await tx.getRepository(DecisionLetter).findOneByOrFail({ id: found.id }));
    });
  }

  @Mutation(() => [Document], {
    description:
      'CASF L271-6: the pack for the parquet of a report sent — the report as a PDF, and its medical annex as a separate sealed PDF (MEDICAL). Made once; asked again, the same documents.',
  })
  async assembleL2716Pack(@Arg('reportId', () => ID) reportId: string, @Ctx() ctx: Context): Promise<Document[]> {
    requireRole(ctx.caller, CASE_WORKERS, 'assembleL2716Pack');
    const report = isUuid(reportId)
      ? await ctx.dataSource.getRepository(L2716Report).findOneBy({ id: reportId })
      : null;
    if (!report || !(await ctx.loaders.beneficiary.load(report.beneficiaryId))) throw notReachable('L2716Report');
    if (report.status === ReportStatus.DRAFT)
      throw ruleError(
        DepartmentCode.L271_6_REPORT_STATE,
        'CASF L271-6',
        `le rapport est en préparation : le dossier pour le parquet se constitue une fois le rapport transmis (l’annexe médicale scellée).`,
        `the report is in draft: the parquet's pack is made once the report is sent (the medical annex sealed).`,
      );
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, report.beneficiaryId);
      const repo = tx.getRepository(ReportDocument);
      const existing = await repo.find({ where: { reportId: report.id }, order: { createdAt: 'ASC' } });
      if (existing.length) return existing.map(Document.ofPack);
      const person = await tx.getRepository(Beneficiary).findOneByOrFail({ id: report.beneficiaryId });
      const annex = await tx
        .getRepository(MedicalAnnex)
        .findOne({ where: { reportId: report.id }, order: { writtenOn: 'DESC' } });
      const generatedOn = todayIso();
      const reportPdf = await renderDocument(
        l2716ReportDocument(person, {
          birthDate: person.birthDate,
          openedOn: report.openedOn,
          sentOn: report.sentOn!,
          socialEvaluation: report.socialEvaluation,
          financialEvaluation: report.financialEvaluation,
          actionsBilan: report.actionsBilan,
          hasMedicalAnnex: !!annex,
        }),
        generatedOn,
      );
      const rows: Partial<ReportDocument>[] = [
        { kind: DocumentKind.L271_6_REPORT, pdf: reportPdf, sha256: sha256Hex(reportPdf) },
      ];
      if (annex) {
        const annexPdf = await renderDocument(
          medicalAnnexDocument(person, {
            writtenOn: annex.writtenOn,
            sealedOn: annex.sealedOn,
            content: annex.content,
          }),
          generatedOn,
        );
        rows.push({ kind: DocumentKind.MEDICAL_ANNEX, pdf: annexPdf, sha256: sha256Hex(annexPdf) });
      }
      const saved: ReportDocument[] = [];
      for (const r of rows)
        saved.push(await repo.save(repo.create({ ...r, beneficiaryId: person.id, reportId: report.id, generatedOn })));
      await audit(tx, ctx, person.id, 'assembleL2716Pack', [Domain.JUDICIAL]);
      return saved.map(Document.ofPack);
    });
  }
}

/** A document by id, if the caller is département staff reaching its person; else null (no existence oracle). */
async function findDocument(ctx: Context, id: string): Promise<Document | null> {
  if (!isUuid(id) || !readsDocuments(ctx)) return null;
  const letter = await ctx.dataSource.getRepository(DecisionLetter).findOneBy({ id });
  const doc: Document | null = letter
    ? Document.ofLetter(letter)
    : await ctx.dataSource
        .getRepository(ReportDocument)
        .findOneBy({ id })
        .then((r) => (r ? Document.ofPack(r) : null));
  if (!doc || !(await ctx.loaders.beneficiary.load(doc.beneficiaryId))) return null;
  return doc;
}
