import { BailleurErrorCode, badInput, DEPARTMENTAL_PRACTICE, refusal } from './errors';
import { formatDateFr } from '../../kit/rules/french';

/** What a landlord states when it records a lease (the first line of its rent table is the rent at its start). */
export interface LeaseFacts {
  reference: string;
  address: string;
  tenantName: string;
  rentCents: number;
  chargesCents: number;
  startsOn: string;
  endsOn: string | null;
}

const cents = (value: number, field: string, positive: boolean) => {
  if (!Number.isInteger(value) || value < 0 || (positive && value === 0)) {
    throw badInput(
      field,
      `« ${field} » doit être un nombre entier de centimes${positive ? ', positif' : ', positif ou nul'}.`,
      `"${field}" must be a whole number of cents${positive ? ', above zero' : ', zero or more'}.`,
    );
  }
};

const text = (value: string, field: string, max = 300) => {
  if (!value || !value.trim() || value.length > max) {
    throw badInput(
      field,
      `« ${field} » est requis (${max} caractères au plus).`,
      `"${field}" is required (${max} characters at most).`,
    );
  }
};

/** A lease as a landlord states it: texts given, rent above zero, charges zero or more, an end not before its start. */
export function assertLeaseFacts(f: LeaseFacts): void {
  text(f.reference, 'reference', 100);
  text(f.address, 'address');
  text(f.tenantName, 'tenantName');
  cents(f.rentCents, 'rentCents', true);
  cents(f.chargesCents, 'chargesCents', false);
  if (f.endsOn !== null && f.endsOn < f.startsOn) {
    throw badInput('endsOn', '« endsOn » précède « startsOn ».', '"endsOn" is before "startsOn".');
  }
}

/** A rent revision: amounts as for a lease, in force from a day of the lease, not to come (the rent in force today). */
export function assertRentRevision(
  lease: { startsOn: string; endsOn: string | null },
  r: { effectiveFrom: string; rentCents: number; chargesCents: number },
  today: string,
): void {
  cents(r.rentCents, 'rentCents', true);
  cents(r.chargesCents, 'chargesCents', false);
  if (r.effectiveFrom <= lease.startsOn) {
    throw badInput(
      'effectiveFrom',
      `« effectiveFrom » doit suivre le début du bail (${formatDateFr(lease.startsOn)}).`,
      `"effectiveFrom" must follow the start of the lease (${lease.startsOn}).`,
    );
  }
  if (r.effectiveFrom > today) {
    throw badInput(
      'effectiveFrom',
      '« effectiveFrom » ne peut être dans le futur : enregistrez la révision quand elle prend effet.',
      '"effectiveFrom" cannot be in the future: record the revision when it takes effect.',
    );
  }
  if (lease.endsOn !== null && r.effectiveFrom > lease.endsOn) {
    throw refusal(
      BailleurErrorCode.LEASE_ALREADY_ENDED,
      DEPARTMENTAL_PRACTICE,
      `Ce bail a pris fin le ${formatDateFr(lease.endsOn)}. / This lease ended on ${lease.endsOn}.`,
      { field: 'effectiveFrom' },
    );
  }
}

/** A lease's end: after its start, and earlier than any end already recorded (an end date only moves earlier). */
export function assertLeaseEnd(lease: { startsOn: string; endsOn: string | null }, endsOn: string): void {
  if (lease.endsOn !== null && lease.endsOn <= endsOn) {
    throw refusal(
      BailleurErrorCode.LEASE_ALREADY_ENDED,
      DEPARTMENTAL_PRACTICE,
      `Ce bail prend déjà fin le ${formatDateFr(lease.endsOn)}. / This lease already ends on ${lease.endsOn}.`,
      { field: 'endsOn' },
    );
  }
  if (endsOn < lease.startsOn) {
    throw badInput(
      'endsOn',
      `« endsOn » précède le début du bail (${formatDateFr(lease.startsOn)}).`,
      `"endsOn" is before the lease starts (${lease.startsOn}).`,
    );
  }
}
