import { centsToCsv, confirmationsOfCsv, parseCsv, parseDate, parseEuros, toCsv } from '../../web/src/csv';

/** The console's CSV exchange with a rent accounting team (web/src/csv.ts): what goes out comes back in. */
describe('console › the month as CSV', () => {
  it('writes `;`-separated French amounts with a BOM, quoting what needs it, and reads them back', () => {
    const csv = toCsv([['lease-1', 'BAIL-1', 'DUPONT; Jean "Jo"', '2026-11', centsToCsv(51230), 'association']]);
    expect(csv.startsWith('\ufeffbail;reference;locataire;')).toBe(true);
    expect(csv).toContain('"DUPONT; Jean ""Jo"""');
    expect(csv).toContain(';512,30;');
    const rows = parseCsv(csv);
    expect(rows[1]).toEqual(['lease-1', 'BAIL-1', 'DUPONT; Jean "Jo"', '2026-11', '512,30', 'association']);
  });

  it('reads amounts and dates as a French spreadsheet writes them, and refuses what it cannot read', () => {
    expect(parseEuros('512,30')).toBe(51230);
    expect(parseEuros('1 024,5 €')).toBe(102450);
    expect(parseEuros('512.3')).toBe(51230);
    expect(parseEuros('douze')).toBeUndefined();
    expect(parseEuros('-5')).toBeUndefined();
    expect(parseDate('05/11/2026')).toBe('2026-11-05');
    expect(parseDate('2026-11-05')).toBe('2026-11-05');
    expect(parseDate('5 nov.')).toBeUndefined();
  });

  it('turns an edited export into confirmations, each unreadable line reported with its number', () => {
    const text = [
      'bail;reference;locataire;mois;attendu;payeur;statut;recu;date_reception',
      'l-1;B1;A;2026-11;500,00;association;attendu;500,00;03/11/2026',
      'l-2;B2;B;2026-11;400,00;association;attendu;douze;',
      ';B3;C;2026-11;400,00;association;attendu;10,00;',
      'l-4;B4;D;2026-11;400,00;association;attendu;0;31/02',
      '',
    ].join('\r\n');
    expect(confirmationsOfCsv(text)).toEqual([
      { line: 2, leaseId: 'l-1', amountReceivedCents: 50000, receivedOn: '2026-11-03', problem: undefined },
      expect.objectContaining({ line: 3, leaseId: 'l-2', problem: 'montant reçu illisible « douze »' }),
      expect.objectContaining({ line: 4, problem: 'bail manquant' }),
      expect.objectContaining({ line: 5, leaseId: 'l-4', problem: 'date illisible « 31/02 »' }),
    ]);
    expect(confirmationsOfCsv('a;b\r\n1;2')).toEqual([
      { line: 1, leaseId: '', problem: 'colonnes « bail » et « recu » attendues en en-tête' },
    ]);
  });
});
