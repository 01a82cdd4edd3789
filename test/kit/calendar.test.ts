import {
  addDays,
  addMonths,
  ageOn,
  isIsoDate,
  isMonth,
  monthBounds,
  monthOf,
  shiftMonth,
  startedMonthsBetween,
  todayIso,
  wholeMonthsBetween,
} from '../../subgraphs/kit/rules/calendar';

describe('kit › calendar › dates', () => {
  it('recognises real calendar days only', () => {
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of [
      '2025-02-29',
      '2025-2-01',
      '2025-13-01',
      '2025-04-31',
      '25-01-01',
      '2025-01-01T00:00:00Z',
      '',
      20250101,
      null,
    ])
      expect(isIsoDate(bad)).toBe(false);
  });

  it('adds months like PostgreSQL: a day the target month lacks is clamped to its last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29'); // leap year
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28'); // across the year, clamped
    expect(addMonths('2026-03-15', 24)).toBe('2028-03-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('counts whole months (to the day) and started months (a month begun counts)', () => {
    expect(wholeMonthsBetween('2026-01-15', '2026-07-15')).toBe(6);
    expect(wholeMonthsBetween('2026-01-15', '2026-07-14')).toBe(5);
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(1); // clamped: 31 Jan + 1 month is 28 Feb
    expect(wholeMonthsBetween('2026-07-15', '2026-01-15')).toBe(0);
    expect(startedMonthsBetween('2026-01-15', '2026-07-16')).toBe(7);
    expect(startedMonthsBetween('2026-01-15', '2026-07-15')).toBe(6);
    expect(startedMonthsBetween('2026-01-15', '2026-01-16')).toBe(1);
    expect(startedMonthsBetween('2026-01-15', '2026-01-15')).toBe(0);
  });

  it('computes an age in full years on a date, the birthday included', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('reads today in UTC', () => {
    expect(todayIso(new Date('2025-12-31T23:30:00-02:00'))).toBe('2026-01-01');
  });
});

describe('kit › calendar › months', () => {
  it('recognises a month YYYY-MM, 01 to 12', () => {
    expect(isMonth('2025-01')).toBe(true);
    expect(isMonth('2025-12')).toBe(true);
    for (const bad of ['2025-13', '2025-00', '2025-1', '25-01', '2025-01-01', '202501', '', 202501, null])
      expect(isMonth(bad)).toBe(false);
  });

  it('shifts a month across years, both ways', () => {
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2025-03', -24)).toBe('2023-03');
    expect(shiftMonth('2025-03', 0)).toBe('2025-03');
  });

  it('gives the month of a date and the first and last day of a month', () => {
    expect(monthOf('2025-03-31')).toBe('2025-03');
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthBounds('2025-02')).toEqual({ first: '2025-02-01', last: '2025-02-28' });
    expect(monthBounds('2025-12')).toEqual({ first: '2025-12-01', last: '2025-12-31' });
  });
});
