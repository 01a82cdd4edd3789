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

/**
 * The statutory floor of the small-cell threshold (schema/policy.md › Domains, STATISTICS: 5). The département's
 * parameter STATS_SMALL_CELL may raise it (narrow what is published), never lower it: no setting turns suppression
 * off.
 */
export const MIN_SMALL_CELL = 5;

/** The threshold applied: the parameter if it is higher than the floor, the floor otherwise (absent, 0, 1…). */
export function smallCellThreshold(parameter: number | null | undefined): number {
  const value = Number(parameter);
  return Number.isInteger(value) && value > MIN_SMALL_CELL ? value : MIN_SMALL_CELL;
}

/** Primary suppression only: a cell of 1 to threshold − 1 persons. Use {@link suppressCells} to publish. */
export function suppressSmallCells(cells: readonly StatCell[], threshold: number): PublishedCell[] {
  const t = smallCellThreshold(threshold);
  return cells.map((c) => {
    const suppressed = c.count > 0 && c.count < t;
    return { indicator: c.indicator, dimension: c.dimension, count: suppressed ? null : c.count, suppressed };
  });
}

/**
 * Primary and secondary suppression (CASF L271-7, CNIL): within an indicator (a row whose cells add up to a total that
 * may be known — from another indicator over the same population, or from last year's figures), once a cell is
 * suppressed the row also hides its smallest visible cells until
 * - at least two cells are suppressed (one hidden cell would be the total minus the visible ones), and
 * - the suppressed cells together count at least `threshold` persons (else their sum, known by subtraction, would
 *   itself be a small cell: two hidden cells summing to 2 are both 1).
 * When the row has too few cells to reach both, all its non-empty cells are suppressed. Cells of 0 are never chosen
 * (nobody to protect; and GROUP BY only yields them for explicit totals). A pure function: same input, same output.
 */
export function suppressCells(cells: readonly StatCell[], threshold: number): PublishedCell[] {
  const t = smallCellThreshold(threshold);
  const hidden = new Set<number>();
  const rows = new Map<string, number[]>();
  cells.forEach((c, i) => {
    if (c.count > 0 && c.count < t) hidden.add(i);
    const row = rows.get(c.indicator) ?? [];
    row.push(i);
    rows.set(c.indicator, row);
  });
  for (const row of rows.values()) {
    if (!row.some((i) => hidden.has(i))) continue;
    // smallest first; ties by dimension so that the choice does not depend on the order of the rows from SQL
    const visible = row
      .filter((i) => !hidden.has(i) && cells[i].count > 0)
      .sort((a, b) => cells[a].count - cells[b].count || cells[a].dimension.localeCompare(cells[b].dimension));
    const protectedEnough = () => {
      const h = row.filter((i) => hidden.has(i));
      return h.length >= 2 && h.reduce((s, i) => s + cells[i].count, 0) >= t;
    };
    while (!protectedEnough() && visible.length) hidden.add(visible.shift()!);
  }
  return cells.map((c, i) => ({
    indicator: c.indicator,
    dimension: c.dimension,
    count: hidden.has(i) ? null : c.count,
    suppressed: hidden.has(i),
  }));
}

/** Age bands of the DREES survey (⚠ reconstructed). */
export function ageBand(age: number): string {
  if (age < 25) return '18-24';
  if (age < 40) return '25-39';
  if (age < 60) return '40-59';
  return '60+';
}
