/**
 * CASF L271-7 (arrêté du 17 mars 2010) and CNIL strict necessity: the State receives aggregates without names or ids;
 * a cell counting fewer than `threshold` persons (but more than none) is suppressed so that nobody can be recognised.
 */
export interface StatCell {
  indicator: string;
  dimension: string;
  count: number;
}

export interface PublishedCell {
  indicator: string;
  dimension: string;
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export function suppressSmallCells(cells: readonly StatCell[], threshold: number): PublishedCell[] {
  return cells.map((c) => {
    const suppressed = c.count > 0 && c.count < threshold;
    return { indicator: c.indicator, dimension: c.dimension, count: suppressed ? null : c.count, suppressed };
  });
}

/** Age bands of the DREES survey (⚠ reconstructed). */
export function ageBand(age: number): string {
  if (age < 25) return '18-24';
  if (age < 40) return '25-39';
  if (age < 60) return '40-59';
  return '60+';
}
