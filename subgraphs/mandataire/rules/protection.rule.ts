import { MandataireCode, ruleError } from './errors';
import { MAJ_PROTECTION_KIND_FR } from './labels';
import { MajProtectionKind } from '../entities/enums';

export interface RecordedProtection {
  kind: MajProtectionKind;
  openedOn: string;
  endsOn: string | null;
}

/** A protection measure still in force on `day` or after it (opened, and not ended before that day). */
export function inForceFrom(p: RecordedProtection, day: string): boolean {
  return p.endsOn === null || p.endsOn >= day;
}

/**
 * C. civ. 495-1 (schema/domain.md › MAJ): a MAJ cannot be ordered for a person under sauvegarde de justice, curatelle,
 * tutelle, mandat de protection future or habilitation familiale. Any such measure recorded for the person and in force
 * on or after the MAJ's start refuses it: MAJ_INCOMPATIBLE_PROTECTION.
 */
export function assertNoIncompatibleProtection(protections: readonly RecordedProtection[], majStartsOn: string): void {
  const blocking = protections.filter((p) => inForceFrom(p, majStartsOn));
  if (blocking.length) {
    const kinds = [...new Set(blocking.map((p) => p.kind))];
    throw ruleError(
      MandataireCode.MAJ_INCOMPATIBLE_PROTECTION,
      'C. civ. 495-1',
      `une MAJ ne peut être prononcée pour une personne qui bénéficie d'une mesure de protection juridique (${kinds.map((k) => MAJ_PROTECTION_KIND_FR[k] ?? k).join(', ')}) ; l'ouverture d'une telle mesure met fin à la MAJ.`,
      `a MAJ cannot be ordered for a person under a legal protection measure (${kinds.join(', ')}); opening such a measure ends the MAJ.`,
      { protectionKinds: kinds },
    );
  }
}
