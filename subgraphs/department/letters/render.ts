import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { formatDateFr } from '../../kit/rules/french';
import { Recourse, recourseText } from './recourse';

/** The person as the département knows them: the name and address the letter is sent to. */
export interface Addressee {
  firstName: string;
  lastName: string;
  address: string | null;
}

/** What a decision letter says (each kind's module writes it; `renderLetter` lays it out). */
export interface LetterBody {
  title: string;
  /** The decision, in sentences a person can read. */
  paragraphs: string[];
  recourse: Recourse;
}

/** A document that is not a decision (the L271-6 pack): a title and sections. */
export interface PlainDocument {
  title: string;
  header: string[];
  sections: { heading: string; text: string }[];
  footer?: string[];
}

export const ISSUER = 'Le président du conseil départemental';
export const SERVICE = 'Direction de l’action sociale — Accompagnement social personnalisé';

/** The standard PDF fonts speak WinAnsi: the narrow no-break space of Intl's French becomes a no-break space. */
const winAnsi = (text: string) => text.replace(/\u202f/g, '\u00a0');

export const personName = (p: Addressee) => `${p.firstName.trim()} ${p.lastName.trim().toUpperCase()}`;

/** Renders with pdfkit (compressed, PDF 1.7, standard Helvetica): resolves with the whole file. */
function pdf(title: string, createdOn: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: winAnsi(title), Author: ISSUER, CreationDate: new Date(`${createdOn}T00:00:00Z`) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica');
    draw(doc);
    doc.end();
  });
}

const para = (doc: PDFKit.PDFDocument, text: string, size = 11) =>
  doc.font('Helvetica').fontSize(size).text(winAnsi(text), { align: 'left' }).moveDown(0.5);
const heading = (doc: PDFKit.PDFDocument, text: string) =>
  doc.font('Helvetica-Bold').fontSize(11).text(winAnsi(text)).font('Helvetica').moveDown(0.3);

/**
 * A decision letter: the issuer, the person's name and address, the subject, the decision, its date, the date of
 * notification, and the voies et délais de recours.
 */
export function renderLetter(
  to: Addressee,
  body: LetterBody,
  dates: { decidedOn: string; notifiedOn: string },
): Promise<Buffer> {
  return pdf(body.title, dates.notifiedOn, (doc) => {
    para(doc, ISSUER, 10);
    para(doc, SERVICE, 10);
    doc.moveDown();
    heading(doc, personName(to));
    para(doc, to.address?.trim() || 'Adresse non connue du Département');
    doc.moveDown();
    para(doc, `Le ${formatDateFr(dates.notifiedOn)}`);
    heading(doc, `Objet : ${body.title}`);
    doc.moveDown(0.5);
    para(doc, 'Madame, Monsieur,');
    for (const p of body.paragraphs) para(doc, p);
    doc.moveDown(0.5);
    para(doc, `Date de la décision : ${formatDateFr(dates.decidedOn)}.`);
    para(
      doc,
      `Date de notification : ${formatDateFr(dates.notifiedOn)} (envoi de la présente lettre ; les délais courent de sa réception).`,
    );
    doc.moveDown(0.5);
    heading(doc, 'Voies et délais de recours');
    for (const line of recourseText(body.recourse)) para(doc, line, 10);
    doc.moveDown();
    para(doc, 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.');
    para(doc, `${ISSUER}, par délégation.`);
  });
}

/** A document of the L271-6 pack. */
export function renderDocument(d: PlainDocument, createdOn: string): Promise<Buffer> {
  return pdf(d.title, createdOn, (doc) => {
    para(doc, ISSUER, 10);
    para(doc, SERVICE, 10);
    doc.moveDown();
    heading(doc, d.title);
    for (const line of d.header) para(doc, line);
    for (const s of d.sections) {
      doc.moveDown(0.5);
      heading(doc, s.heading);
      para(doc, s.text);
    }
    for (const line of d.footer ?? []) para(doc, line, 10);
  });
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
