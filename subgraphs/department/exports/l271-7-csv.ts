import type { PublishedCell } from '../rules/statistics.rule';

/** The columns, in order (exports/l271-7-layout.md). */
export const L2717_COLUMNS = ['annee', 'indicateur', 'dimension', 'effectif', 'secret_statistique'] as const;

/** A field of the file: the codes contain no comma, quote or line break, but a value that would is quoted. */
function csvField(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file's name for year `year`. */
export const l2717Filename = (year: number) => `l271-7-${year}.csv`;

/**
 * Renders the published cells (already suppressed: `suppressCells`) as the L271-7 CSV: one header line, then one line
 * per cell in the order given, count empty and `secret_statistique` = 1 when suppressed. A pure function.
 */
export function renderL2717Csv(year: number, cells: readonly PublishedCell[]): string {
  const lines = [L2717_COLUMNS.join(',')];
  for (const c of cells)
    lines.push(
      [String(year), c.indicator, c.dimension, c.suppressed ? '' : String(c.count ?? 0), c.suppressed ? '1' : '0']
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
