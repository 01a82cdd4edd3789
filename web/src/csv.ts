/**
 * The month as a rent accounting team exchanges it: CSV with `;` separators and decimal commas (as a French
 * spreadsheet writes them), UTF-8 with BOM.
 */
export const CSV_HEADER = [
  'bail',
  'reference',
  'locataire',
  'mois',
  'attendu',
  'payeur',
  'statut',
  'recu',
  'date_reception',
];

const cell = (value: string): string => (/[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export const centsToCsv = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ',');

export function toCsv(rows: string[][]): string {
  return `\ufeff${[CSV_HEADER, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** Splits CSV text into rows of cells (quotes, `;` or `,` separator as the header line shows). */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\ufeff/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(value);
      value = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(value);
      if (row.some((v) => v.trim() !== '')) rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  row.push(value);
  if (row.some((v) => v.trim() !== '')) rows.push(row);
  return rows;
}

export interface CsvConfirmation {
  line: number;
  leaseId: string;
  amountReceivedCents?: number;
  receivedOn?: string;
  problem?: string;
}

/** `512,30` / `512.30` / `512` → cents; undefined when unreadable. */
export function parseEuros(text: string): number | undefined {
  const t = text.replace(/\s|€|\u00a0/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t) * 100);
}

/** `31/01/2026` or `2026-01-31` → `2026-01-31`. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
}

/** The confirmations of a CSV in the exported layout (columns `bail`, `recu`, `date_reception`). */
export function confirmationsOfCsv(text: string): CsvConfirmation[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const lease = col('bail');
  const received = col('recu');
  const date = col('date_reception');
  if (lease < 0 || received < 0) {
    return [{ line: 1, leaseId: '', problem: 'colonnes « bail » et « recu » attendues en en-tête' }];
  }
  return rows.map((r, i) => {
    const leaseId = (r[lease] ?? '').trim();
    const amount = parseEuros(r[received] ?? '');
    const on = date >= 0 && (r[date] ?? '').trim() ? parseDate(r[date]) : undefined;
    const problem = !leaseId
      ? 'bail manquant'
      : amount === undefined
        ? `montant reçu illisible « ${r[received] ?? ''} »`
        : date >= 0 && (r[date] ?? '').trim() && !on
          ? `date illisible « ${r[date]} »`
          : undefined;
    return { line: i + 2, leaseId, amountReceivedCents: amount, receivedOn: on, problem };
  });
}
