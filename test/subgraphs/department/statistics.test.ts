import { Client } from 'pg';
import fc from 'fast-check';
import {
  MIN_SMALL_CELL,
  PublishedCell,
  smallCellThreshold,
  StatCell,
  suppressCells,
} from '../../../subgraphs/department/rules/statistics.rule';
import { L2717_COLUMNS, renderL2717Csv } from '../../../subgraphs/department/exports/l271-7-csv';
import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startIsolatedTestHub, TestHub } from '../../helpers/hub';
import { olderParameterRowsSql } from '../../helpers/sql';

const cell = (indicator: string, dimension: string, count: number): StatCell => ({ indicator, dimension, count });
const shown = (cells: PublishedCell[]) =>
  Object.fromEntries(cells.map((c) => [`${c.indicator}/${c.dimension}`, c.count]));

describe('department › L271-7 statistics › suppression (pure)', () => {
  it('publishes a row with no small cell untouched, zeros included', () => {
    const cells = [cell('A', 'x', 5), cell('A', 'y', 12), cell('B', 'TOTAL', 0)];
    expect(suppressCells(cells, 5)).toEqual([
      { indicator: 'A', dimension: 'x', count: 5, suppressed: false },
      { indicator: 'A', dimension: 'y', count: 12, suppressed: false },
      { indicator: 'B', dimension: 'TOTAL', count: 0, suppressed: false },
    ]);
  });

  it('hides a second cell so that a small cell cannot be recomputed from the total (secondary suppression)', () => {
    // 2 + 7 + 40 = 49 known elsewhere: hiding the 2 alone would give it back as 49 − 7 − 40
    const out = shown(suppressCells([cell('A', 'x', 2), cell('A', 'y', 7), cell('A', 'z', 40)], 5));
    expect(out).toEqual({ 'A/x': null, 'A/y': null, 'A/z': 40 });
  });

  it('keeps hiding until the hidden cells add up to the threshold (two cells of 1 and 1 would be known)', () => {
    const out = shown(suppressCells([cell('A', 'x', 1), cell('A', 'y', 1), cell('A', 'z', 3), cell('A', 'w', 30)], 5));
    // 1 + 1 + 3 = 5 ≥ 5, three hidden; 30 stays
    expect(out).toEqual({ 'A/x': null, 'A/y': null, 'A/z': null, 'A/w': 30 });
  });

  it('hides the smallest visible cell, not the largest (least information lost)', () => {
    const out = shown(suppressCells([cell('A', 'x', 4), cell('A', 'y', 50), cell('A', 'z', 6)], 5));
    expect(out).toEqual({ 'A/x': null, 'A/y': 50, 'A/z': null });
  });

  it('hides the whole row when it cannot be protected otherwise, and leaves other rows alone', () => {
    const out = shown(suppressCells([cell('A', 'x', 3), cell('A', 'y', 1), cell('B', 'x', 9)], 5));
    expect(out).toEqual({ 'A/x': null, 'A/y': null, 'B/x': 9 });
  });

  it('boundary: 4 is suppressed, 5 is published (threshold 5)', () => {
    expect(shown(suppressCells([cell('A', 'x', 4)], 5))).toEqual({ 'A/x': null });
    expect(shown(suppressCells([cell('A', 'x', 5)], 5))).toEqual({ 'A/x': 5 });
  });

  it('no setting turns suppression off or lowers it under 5; a higher threshold narrows', () => {
    for (const p of [0, 1, 2, 4, 5, null, undefined, -3, Number.NaN])
      expect(smallCellThreshold(p)).toBe(MIN_SMALL_CELL);
    expect(smallCellThreshold(10)).toBe(10);
    // a threshold of 0 (or 1) given by the caller still suppresses a cell of 1
    expect(shown(suppressCells([cell('A', 'x', 1), cell('A', 'y', 9)], 0))).toEqual({ 'A/x': null, 'A/y': null });
    expect(shown(suppressCells([cell('A', 'x', 7), cell('A', 'y', 9)], 10))).toEqual({ 'A/x': null, 'A/y': null });
  });

  const rows = fc.array(
    fc.record({
      indicator: fc.constantFrom('A', 'B', 'C'),
      count: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.nat(80)),
    }),
    { maxLength: 30 },
  );

  it('property: no published cell is small, and no hidden cell can be recomputed from its row and total', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 12 }), (raw, parameter) => {
        const cells = raw.map((r, i) => cell(r.indicator, `d${i}`, r.count));
        const t = smallCellThreshold(parameter);
        const out = suppressCells(cells, parameter);
        expect(out.map((c) => [c.indicator, c.dimension])).toEqual(cells.map((c) => [c.indicator, c.dimension]));
        out.forEach((c, i) => {
          if (c.suppressed) expect(c.count).toBeNull();
          else expect(c.count).toBe(cells[i].count);
          // primary
          if (cells[i].count > 0 && cells[i].count < t) expect(c.suppressed).toBe(true);
        });
        for (const ind of ['A', 'B', 'C']) {
          const idx = cells.map((_, i) => i).filter((i) => cells[i].indicator === ind);
          const hidden = idx.filter((i) => out[i].suppressed);
          if (!hidden.length) continue;
          const sum = hidden.reduce((s, i) => s + cells[i].count, 0);
          const allNonEmptyHidden = idx.every((i) => out[i].suppressed || cells[i].count === 0);
          // total − visible = the sum of the hidden cells: it must not single one out nor be small itself,
          // unless every non-empty cell of the row is hidden (nothing visible to subtract)
          expect((hidden.length >= 2 && sum >= t) || allNonEmptyHidden).toBe(true);
          // a zero is never hidden
          for (const i of hidden) expect(cells[i].count).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: the same cells in another order are suppressed the same way', () => {
    fc.assert(
      fc.property(rows, (raw) => {
        const cells = raw.map((r, i) => cell(r.indicator, `d${String(i).padStart(2, '0')}`, r.count));
        const key = (cs: PublishedCell[]) => cs.map((c) => `${c.indicator}/${c.dimension}=${c.count}`).sort();
        expect(key(suppressCells([...cells].reverse(), 5))).toEqual(key(suppressCells(cells, 5)));
      }),
    );
  });
});

describe('department › L271-7 export › CSV (pure)', () => {
  it('renders the documented layout: header, one line per cell, empty count and flag 1 when suppressed, CRLF', () => {
    const csv = renderL2717Csv(2026, suppressCells([cell('A', 'x', 2), cell('A', 'y', 9), cell('B', 'TOTAL', 0)], 5));
    expect(csv).toBe([`${L2717_COLUMNS.join(',')}`, '2026,A,x,,1', '2026,A,y,,1', '2026,B,TOTAL,0,0', ''].join('\r\n'));
    expect(L2717_COLUMNS).toEqual(['annee', 'indicateur', 'dimension', 'effectif', 'secret_statistique']);
  });

  it('quotes a value holding a separator', () => {
    expect(renderL2717Csv(2026, [{ indicator: 'A', dimension: 'x,"y"', count: 7, suppressed: false }])).toContain(
      '2026,A,"x,""y""",7,0',
    );
  });
});

describe('department › L271-7 export, through the gateway (a database of its own)', () => {
  let hub: TestHub & { databaseUrl: string; dispose(): Promise<void> };
  const YEAR = 2013;
  const pilotage = {
    sub: 'pil-stats',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.PILOTAGE],
  };
  const encadrant = { ...pilotage, sub: 'enc-stats', roles: [Role.ENCADRANT] };
  const q = (text: string, params: unknown[] = []) => hub.subgraphs.department.dataSource.query(text, params);

  beforeAll(async () => {
    hub = await startIsolatedTestHub('stats');
    // measures begun in 2013: 9 MASP 1, 2 MASP 2, 6 MASP 3; 3 refusals
    const levels = [...Array(9).fill('MASP_1'), ...Array(2).fill('MASP_2'), ...Array(6).fill('MASP_3')];
    for (const [i, level] of levels.entries()) {
      const [b] = await q(
        `INSERT INTO department.beneficiary (last_name, first_name, birth_date, address, territory, referent_sub)
         VALUES ($1, 'Test', '1975-06-15', '9 rue Secrète, 45000 Orléans', 'TEST-STATS', 'ts-stats') RETURNING id`,
        [`Exportable${i}`],
      );
      await q(
        `INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on) VALUES ($1, $2, 'ENDED', '2013-02-01', '2013-08-01')`,
        [b.id, level],
      );
      if (i < 3)
        await q(
          `INSERT INTO department.contract_refusal (beneficiary_id, kind, recorded_on, note) VALUES ($1, 'REFUSAL', '2013-03-01', 'Refus')`,
          [b.id],
        );
    }
    // a setting cannot turn suppression off, not even a row written before the database refused it (this file's own
    // database: the constraint is lifted for that row only, as the migrations left it)
    const owner = new Client({ connectionString: hub.databaseUrl });
    await owner.connect();
    try {
      await owner.query(olderParameterRowsSql(`('STATS_SMALL_CELL', '2013-01-01', 0, 'test')`));
    } finally {
      await owner.end();
    }
  }, 180_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
    const { status, body } = await hub.query(await hub.token(claims), query, variables);
    expect(status).toBe(200);
    return body;
  }
  const EXPORT = `query($year: Int!) { l2717Export(year: $year) { filename csv } }`;

  it('serves the CSV with primary and secondary suppression, whatever STATS_SMALL_CELL says, and nothing personal', async () => {
    const body = await as(pilotage, EXPORT, { year: YEAR });
    expect(body.errors).toBeUndefined();
    const { filename, csv } = body.data.l2717Export;
    expect(filename).toBe('l271-7-2013.csv');
    const lines: string[] = csv.split('\r\n');
    expect(lines[0]).toBe('annee,indicateur,dimension,effectif,secret_statistique');
    expect(lines).toEqual(
      expect.arrayContaining([
        '2013,NEW_MEASURES_BY_LEVEL,MASP_1,9,0',
        '2013,NEW_MEASURES_BY_LEVEL,MASP_2,,1', // 2: primary
        '2013,NEW_MEASURES_BY_LEVEL,MASP_3,,1', // 6: secondary, else 17 − 9 − 6 = 2
        '2013,PERSONS_IN_YEAR,TOTAL,17,0',
        '2013,PERSONS_IN_YEAR_BY_LEVEL,MASP_1,9,0',
        '2013,CONTRACT_REFUSALS,TOTAL,,1',
      ]),
    );
    expect(csv).not.toMatch(/Exportable|Secrète|1975|Refus,|[0-9a-f]{8}-[0-9a-f]{4}-/);
    const stats = await as(pilotage, `query($year: Int!) { l2717Statistics(year: $year) { smallCellThreshold } }`, {
      year: YEAR,
    });
    expect(stats.data.l2717Statistics.smallCellThreshold).toBe(5);
  });

  it('is PILOTAGE’s: an encadrant is refused the file', async () => {
    const body = await as(encadrant, EXPORT, { year: YEAR });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
