import { registerEnumType } from 'type-graphql';

/**
 * Why a MAJ ended (C. civ. 495-8 term, mainlevée, 495-1 protection measure opened, death, move out of the court's
 * reach).
 */
export enum MajEndReason {
  TERM = 'TERM',
  MAINLEVEE = 'MAINLEVEE',
  PROTECTION_MEASURE_OPENED = 'PROTECTION_MEASURE_OPENED',
  DEATH = 'DEATH',
  MOVE = 'MOVE',
}
registerEnumType(MajEndReason, {
  name: 'MajEndReason',
  description: 'Why a MAJ ended; a MASP may follow (CASF L271-1 al. 3).',
});

/** The legal protection measures a MAJ cannot coexist with (C. civ. 495-1; schema/domain.md › MAJ). */
export enum MajProtectionKind {
  SAUVEGARDE_DE_JUSTICE = 'SAUVEGARDE_DE_JUSTICE',
  CURATELLE = 'CURATELLE',
  TUTELLE = 'TUTELLE',
  MANDAT_PROTECTION_FUTURE = 'MANDAT_PROTECTION_FUTURE',
  HABILITATION_FAMILIALE = 'HABILITATION_FAMILIALE',
}
registerEnumType(MajProtectionKind, {
  name: 'MajProtectionKind',
  description: 'A legal protection measure incompatible with a MAJ.',
});

export enum MajAccountDirection {
  RECEIPT = 'RECEIPT',
  PAYMENT = 'PAYMENT',
}
registerEnumType(MajAccountDirection, { name: 'MajAccountDirection' });

/** What an operation on the person's account is; its direction follows from it (`directionOf`). */
export enum MajAccountOperationKind {
  // receipts
  BENEFIT = 'BENEFIT',
  EARNED_INCOME = 'EARNED_INCOME',
  REFUND = 'REFUND',
  OTHER_RECEIPT = 'OTHER_RECEIPT',
  // payments
  RENT_TO_LANDLORD = 'RENT_TO_LANDLORD',
  HOUSING_CHARGES = 'HOUSING_CHARGES',
  ENERGY = 'ENERGY',
  INSURANCE = 'INSURANCE',
  DEBT_REPAYMENT = 'DEBT_REPAYMENT',
  LIVING_ALLOWANCE = 'LIVING_ALLOWANCE',
  OTHER_PAYMENT = 'OTHER_PAYMENT',
}
registerEnumType(MajAccountOperationKind, {
  name: 'MajAccountOperationKind',
  description:
    'Receipts: BENEFIT (names the benefit), EARNED_INCOME, REFUND, OTHER_RECEIPT. Payments: RENT_TO_LANDLORD (names the lease), HOUSING_CHARGES, ENERGY, INSURANCE, DEBT_REPAYMENT, LIVING_ALLOWANCE (handed to the person), OTHER_PAYMENT.',
});

export const RECEIPT_KINDS: readonly MajAccountOperationKind[] = [
  MajAccountOperationKind.BENEFIT,
  MajAccountOperationKind.EARNED_INCOME,
  MajAccountOperationKind.REFUND,
  MajAccountOperationKind.OTHER_RECEIPT,
];

/**
 * The MJPM's reports on a MAJ: yearly, with a request for renewal, and at its end (the bilan a MASP may start from).
 */
export enum MajReportKind {
  ANNUAL = 'ANNUAL',
  RENEWAL_REQUEST = 'RENEWAL_REQUEST',
  FINAL = 'FINAL',
}
registerEnumType(MajReportKind, { name: 'MajReportKind' });
