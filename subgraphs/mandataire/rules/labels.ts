import type { MajProtectionKind } from '../entities/enums';

/** The French words for the mandataire's codes, for its French messages (never an English code in a sentence). */
export const MAJ_PROTECTION_KIND_FR: Readonly<Record<MajProtectionKind, string>> = {
  SAUVEGARDE_DE_JUSTICE: 'sauvegarde de justice',
  CURATELLE: 'curatelle',
  TUTELLE: 'tutelle',
  MANDAT_PROTECTION_FUTURE: 'mandat de protection future',
  HABILITATION_FAMILIALE: 'habilitation familiale',
};
