import type { ReactNode } from 'react';
import type { Path, Refusal } from './client';
import { reservedAt } from './client';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const formatEuros = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '—' : euros.format(cents / 100);

export const formatDate = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return d ? `${d}/${m}/${y}` : `${m}/${y}`;
};

const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
export const formatMonth = (month: string): string => {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
};

/** The hub's enums, in French. */
export const LABELS: Record<string, string> = {
  CONFIRMED: 'reçu',
  PARTIAL: 'partiel',
  MISSING: 'impayé',
  PENDING: 'attendu',
  EXPECTED: 'attendu',
  ACTIVE: 'en cours',
  CLOSING: 'en clôture',
  CLOSED: 'clos',
  ENDED: 'terminée',
  DRAFT: 'brouillon',
  PROPOSED: 'proposée',
  RECEIPT: 'recette',
  PAYMENT: 'dépense',
  RENT_PAYMENT: 'loyer',
  CARE_PAYMENT: 'soins',
  OTHER_PAYMENT: 'autre dépense',
  TRANSFER_TO_PERSON: 'versement à la personne',
  ENDING_WITHIN_30_DAYS: 'fin dans 30 jours',
  RENEWAL_WITHOUT_EVALUATION: 'renouvellement sans évaluation',
  TOTAL_CAP_WITHIN_3_MONTHS: 'plafond de 48 mois proche',
  MASP_1: 'MASP 1',
  MASP_2: 'MASP 2',
  MASP_3: 'MASP 3',
  DEPARTEMENT: 'département',
  ASSOCIATION: 'association',
  MANDATAIRE: 'mandataire',
  BENEFICIARY: 'bénéficiaire',
  ORGANISME_PAYEUR: 'organisme payeur',
  TERM: 'terme atteint',
  AUTONOMY: 'autonomie retrouvée',
  PCD_REQUEST: 'demande de la personne',
  MOVE: 'déménagement',
  REFUSAL_OR_BREACH: 'refus ou non-respect du contrat',
  REFERRAL_TO_MAJ: 'orientation vers une MAJ',
  LOSS_OF_ELIGIBILITY: 'perte d’éligibilité',
  WITHDRAWAL: 'retrait',
  DEATH: 'décès',
  MAINLEVEE: 'mainlevée',
  PROTECTION_MEASURE_OPENED: 'mesure de protection ouverte',
};
export const label = (value: string | null | undefined): string => (value ? (LABELS[value] ?? value) : '—');

export const DOMAIN_LABELS: Record<string, string> = {
  IDENTITY: 'identité',
  TENANCY: 'logement',
  BENEFITS: 'prestations',
  BUDGET: 'budget',
  SOCIAL: 'social',
  SOCIAL_SUMMARY: 'synthèse sociale',
  JUDICIAL: 'judiciaire',
  MEDICAL: 'médical',
  STATISTICS: 'statistiques',
  AUDIT: 'traçabilité',
};

/** A field the role may not read: a small mark, never an error page. */
export function Reserved({ domain }: { domain: string }) {
  const name = DOMAIN_LABELS[domain] ?? domain.toLowerCase();
  return (
    <span className="reserved" title={`Donnée réservée : domaine ${name}, hors de votre rôle`}>
      « réservé ({name}) »
    </span>
  );
}

/** A value, or the reserved mark when the hub refused it at `path`. */
export function Field({ refusals, path, children }: { refusals: Refusal[]; path: Path; children: ReactNode }) {
  const domain = reservedAt(refusals, path);
  return domain ? <Reserved domain={domain} /> : <>{children}</>;
}

/** A refused write: the hub's message, its code and rule. */
export function RefusalBox({ refusals }: { refusals: Refusal[] }) {
  const shown = refusals.filter((r) => r.code !== 'FORBIDDEN' || !r.domain);
  if (!shown.length) return null;
  return (
    <div className="refusal" role="alert">
      {shown.map((r, i) => (
        <p key={i}>
          <strong>Refusé :</strong> {r.message}
          {r.code || r.rule ? (
            <span className="rule"> ({[r.code, r.rule && `règle ${r.rule}`].filter(Boolean).join(' — ')})</span>
          ) : null}
        </p>
      ))}
    </div>
  );
}

export const today = (): string => new Date().toISOString().slice(0, 10);

export const previousMonth = (now = new Date()): string =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
