import { ukDay } from '../../../case-lifecycle/src/domain/calendar';
import { ageOn, monthEnd, monthsOf, spansAtMostYears } from './report-period';

describe('report periods', () => {
  it.each([
    ['2022-05-31T22:59:59Z', '2022-05-31'],
    ['2022-05-31T23:00:00Z', '2022-06-01'], // BST: already 1 June in London
    ['2022-01-31T23:30:00Z', '2022-01-31'], // GMT: still 31 January
    ['2022-06-01T00:30:00+01:00', '2022-06-01'], // 23:30 UTC in summer
    ['2022-06-01', '2022-06-01'],
    ['2022-02-30T10:00:00Z', undefined],
    ['2022-06-01T10:00:00', undefined],
  ])('places %s on the UK calendar date %s', (value, day) => {
    expect(ukDay(value)).toBe(day);
  });

  it('lists every month of a period and ends the last one at `to`', () => {
    expect(monthsOf({ from: '2023-11-15', to: '2024-02-10' })).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthEnd('2024-02', { from: '2024-01-01', to: '2024-12-31' })).toBe('2024-02-29');
    expect(monthEnd('2024-02', { from: '2024-01-01', to: '2024-02-10' })).toBe('2024-02-10');
  });

  it('counts whole years of age, a 29 February birthday falling on 1 March', () => {
    expect(ageOn('2006-06-01', '2022-05-31')).toBe(15);
    expect(ageOn('2006-06-01', '2022-06-01')).toBe(16);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn(undefined, '2022-03-01')).toBeUndefined();
  });

  it('gives no age for a date of birth after the day (a mistyped date is not a newborn)', () => {
    expect(ageOn('2021-05-05', '2018-01-10')).toBeUndefined();
    expect(ageOn('2018-01-11', '2018-01-10')).toBeUndefined();
    expect(ageOn('2018-01-10', '2018-01-10')).toBe(0);
  });

  it('measures a span in years by the dates, not the year numbers', () => {
    expect(spansAtMostYears({ from: '2000-01-01', to: '2024-12-31' }, 25)).toBe(true);
    expect(spansAtMostYears({ from: '2000-01-01', to: '2025-01-01' }, 25)).toBe(false);
    expect(spansAtMostYears({ from: '2000-01-01', to: '2025-12-31' }, 25)).toBe(false);
    expect(spansAtMostYears({ from: '2000-02-29', to: '2025-02-28' }, 25)).toBe(true);
    expect(spansAtMostYears({ from: '2000-02-29', to: '2025-03-01' }, 25)).toBe(false);
    // An anniversary past 9999: one year is still one year.
    expect(spansAtMostYears({ from: '9999-01-01', to: '9999-12-31' }, 25)).toBe(true);
  });
});
