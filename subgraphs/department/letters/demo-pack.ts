import type { Beneficiary, L2716Report, MedicalAnnex, ReportDocument } from '../entities';
import { DocumentKind } from '../entities/enums';
import { l2716ReportDocument, medicalAnnexDocument } from './l271-6-pack.document';
import { renderDocument, sha256Hex } from './render';

/** The demo's L271-6 packs: for each report sent, its PDF and its sealed annex's, as assembleL2716Pack makes them. */
export async function demoL2716Packs(
  persons: readonly Beneficiary[],
  reports: readonly Partial<L2716Report>[],
  annexes: readonly Partial<MedicalAnnex>[],
): Promise<Partial<ReportDocument>[]> {
  const byId = new Map(persons.map((p) => [p.id, p]));
  const rows: Partial<ReportDocument>[] = [];
  for (const r of reports) {
    const person = byId.get(r.beneficiaryId!);
    if (!person || !r.sentOn) continue;
    const annex = annexes.find((a) => a.reportId === r.id);
    const report = await renderDocument(
      l2716ReportDocument(person, {
        birthDate: person.birthDate,
        openedOn: r.openedOn!,
        sentOn: r.sentOn,
        socialEvaluation: r.socialEvaluation!,
        financialEvaluation: r.financialEvaluation!,
        actionsBilan: r.actionsBilan!,
        hasMedicalAnnex: !!annex,
      }),
      r.sentOn,
    );
    const base = { beneficiaryId: person.id, reportId: r.id!, generatedOn: r.sentOn };
    rows.push({ ...base, kind: DocumentKind.L271_6_REPORT, pdf: report, sha256: sha256Hex(report) });
    if (annex) {
      const sealed = await renderDocument(
        medicalAnnexDocument(person, {
          writtenOn: annex.writtenOn!,
          sealedOn: annex.sealedOn ?? null,
          content: annex.content!,
        }),
        r.sentOn,
      );
      rows.push({ ...base, kind: DocumentKind.MEDICAL_ANNEX, pdf: sealed, sha256: sha256Hex(sealed) });
    }
  }
  return rows;
}
