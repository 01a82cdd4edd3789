import { formatDateFr } from '../../kit/rules/french';
import { DocumentKind } from '../entities/enums';
import { Addressee, personName, PlainDocument } from './render';
import { packDocumentTitle } from './titles';

export interface ReportFacts {
  birthDate: string;
  openedOn: string;
  sentOn: string;
  socialEvaluation: string;
  financialEvaluation: string;
  actionsBilan: string;
  hasMedicalAnnex: boolean;
}

/** CASF L271-6: the report to the procureur (social and financial evaluation, bilan of the actions). */
export function l2716ReportDocument(p: Addressee, f: ReportFacts): PlainDocument {
  return {
    title: packDocumentTitle(DocumentKind.L271_6_REPORT),
    header: [
      `Destinataire : le procureur de la République.`,
      `Personne concernée : ${personName(p)}, née ou né le ${formatDateFr(f.birthDate)}, ${p.address?.trim() || 'adresse non connue'}.`,
      `Rapport ouvert le ${formatDateFr(f.openedOn)}, transmis le ${formatDateFr(f.sentOn)}.`,
      'Les mesures d’accompagnement social personnalisé n’ont pas permis une gestion satisfaisante des prestations sociales (code de l’action sociale et des familles, article L271-6).',
    ],
    sections: [
      { heading: 'Évaluation de la situation sociale', text: f.socialEvaluation },
      { heading: 'Évaluation de la situation financière', text: f.financialEvaluation },
      { heading: 'Bilan des actions menées', text: f.actionsBilan },
    ],
    footer: [
      f.hasMedicalAnnex
        ? 'Les informations médicales sont transmises sous pli cacheté séparé, à l’attention du seul médecin et du parquet.'
        : 'Aucune information médicale n’est jointe à ce rapport.',
    ],
  };
}

export interface AnnexFacts {
  writtenOn: string;
  sealedOn: string | null;
  content: string;
}

/** CASF L271-6: the medical information, under sealed envelope, as a separate document. */
export function medicalAnnexDocument(p: Addressee, f: AnnexFacts): PlainDocument {
  return {
    title: packDocumentTitle(DocumentKind.MEDICAL_ANNEX),
    header: [
      'Pli cacheté — à l’attention du procureur de la République ; ne peut être ouvert que par lui ou un médecin.',
      `Personne concernée : ${personName(p)}.`,
      `Annexe rédigée le ${formatDateFr(f.writtenOn)}${f.sealedOn ? `, scellée le ${formatDateFr(f.sealedOn)}` : ''}.`,
    ],
    sections: [{ heading: 'Informations médicales', text: f.content }],
  };
}
