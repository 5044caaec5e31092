import {
  addCalendarMonths,
  addHours,
  endOfUkDay,
  isBritishSummerTime,
  parseDateOnly,
  parseInstant,
  ukCalendarDate,
  ukDateAt,
} from './calendar';

describe('calendar', () => {
  it('accepts instants only with an explicit zone', () => {
    expect(parseInstant('2024-03-04T10:00:00Z')).toBe(Date.UTC(2024, 2, 4, 10));
    expect(parseInstant('2024-03-04T10:00:00+01:00')).toBe(Date.UTC(2024, 2, 4, 9));
    expect(parseInstant('2024-03-04T10:00:00')).toBeUndefined();
    expect(parseInstant('2024-02-30T10:00:00Z')).toBeUndefined();
    expect(parseInstant('not a date')).toBeUndefined();
  });

  it('accepts only dates that exist', () => {
    expect(parseDateOnly('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29 });
    expect(parseDateOnly('2021-02-29')).toBeUndefined();
    expect(parseDateOnly('2021-13-01')).toBeUndefined();
  });

  it('knows when British Summer Time starts and ends (last Sundays of March and October, 01:00 UTC)', () => {
    // 2024: BST from 31 March 01:00 UTC to 27 October 01:00 UTC.
    expect(isBritishSummerTime(Date.UTC(2024, 2, 31, 0, 59))).toBe(false);
    expect(isBritishSummerTime(Date.UTC(2024, 2, 31, 1, 0))).toBe(true);
    expect(isBritishSummerTime(Date.UTC(2024, 9, 27, 0, 59))).toBe(true);
    expect(isBritishSummerTime(Date.UTC(2024, 9, 27, 1, 0))).toBe(false);
  });

  it('takes the UK calendar date of an instant: 23:30 UTC in summer is the next day in London', () => {
    expect(ukCalendarDate('2021-05-31T23:30:00Z')).toEqual({ year: 2021, month: 6, day: 1 });
    expect(ukCalendarDate('2021-12-31T23:30:00Z')).toEqual({ year: 2021, month: 12, day: 31 });
    expect(ukCalendarDate('2021-06-01')).toEqual({ year: 2021, month: 6, day: 1 });
  });

  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addCalendarMonths({ year: 2020, month: 2, day: 29 }, 12)).toEqual({ year: 2021, month: 2, day: 28 });
    expect(addCalendarMonths({ year: 2019, month: 2, day: 28 }, 12)).toEqual({ year: 2020, month: 2, day: 28 });
    expect(addCalendarMonths({ year: 2021, month: 1, day: 31 }, 1)).toEqual({ year: 2021, month: 2, day: 28 });
    expect(addCalendarMonths({ year: 2021, month: 11, day: 15 }, 3)).toEqual({ year: 2022, month: 2, day: 15 });
  });

  it('adds hours to an instant and answers in UTC', () => {
    expect(addHours('2020-10-19T23:00:00+01:00', 48)).toBe('2020-10-21T22:00:00.000Z');
  });

  it('ends a UK day at London midnight, across both clock changes', () => {
    // 2024: BST from 31 March 01:00 UTC to 27 October 01:00 UTC.
    expect(endOfUkDay('2024-01-15')).toBe(Date.UTC(2024, 0, 16) - 1);
    expect(endOfUkDay('2024-03-30')).toBe(Date.UTC(2024, 2, 31) - 1); // the night the clocks go forward
    expect(endOfUkDay('2024-03-31')).toBe(Date.UTC(2024, 2, 31, 23) - 1);
    expect(endOfUkDay('2024-06-10')).toBe(Date.UTC(2024, 5, 10, 23) - 1);
    expect(endOfUkDay('2024-10-26')).toBe(Date.UTC(2024, 9, 26, 23) - 1); // the night they go back
    expect(endOfUkDay('2024-10-27')).toBe(Date.UTC(2024, 9, 28) - 1);
    expect(endOfUkDay('2024-02-30')).toBeUndefined();
  });

  it("says today's UK date: after 23:00 UTC in summer it is already tomorrow", () => {
    expect(ukDateAt(new Date('2024-06-10T22:59:59.999Z'))).toBe('2024-06-10');
    expect(ukDateAt(new Date('2024-06-10T23:00:00Z'))).toBe('2024-06-11');
    expect(ukDateAt(new Date('2024-12-10T23:30:00Z'))).toBe('2024-12-10');
  });
});
