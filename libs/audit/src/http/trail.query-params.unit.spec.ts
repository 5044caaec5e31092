import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TrailQueryParams } from './trail.query-params';

/** Each refused field with the rules it broke, as the validation pipe reports them. */
const refusals = (query: Record<string, string>) =>
  validateSync(plainToInstance(TrailQueryParams, query)).map((error) => ({
    field: error.property,
    rules: Object.keys(error.constraints ?? {}),
    messages: Object.values(error.constraints ?? {}),
  }));

describe('trail time bounds', () => {
  it('refuse ISO-8601 forms that name no instant the trail can compare, naming the field and rule', () => {
    for (const value of ['2024-W18', '2024-122', '20240501', '2024-05-01T09']) {
      expect(refusals({ from: value })).toEqual([
        {
          field: 'from',
          rules: ['instant'],
          messages: [expect.stringMatching(/^from must be a calendar date or date-time/)],
        },
      ]);
      expect(refusals({ to: value })).toEqual([expect.objectContaining({ field: 'to', rules: ['instant'] })]);
    }
  });

  it('take dates, date-times with or without an offset, and leave other malformed values to isIso8601', () => {
    for (const value of [
      '2024-05-01',
      '2024-05',
      '2024-05-01T09:00',
      '2024-05-01T09:00:00.5Z',
      '2024-05-01T11:00:00+02:00',
    ])
      expect(refusals({ from: value })).toEqual([]);
    expect(refusals({ from: 'yesterday' })).toEqual([expect.objectContaining({ field: 'from', rules: ['isIso8601'] })]);
  });
});

describe('trail cursor', () => {
  it('takes a page’s `next`, with the bound of its walk or (as given before) without', () => {
    for (const cursor of ['12-40', '0-0', '12', '9223372036854775807-9223372036854775807'])
      expect(refusals({ cursor })).toEqual([]);
  });

  it('refuses what no page gave, naming cursor and the rule', () => {
    for (const cursor of ['12-', '-40', '12-40-50', '12.40', '9223372036854775808', '12-9223372036854775808'])
      expect(refusals({ cursor })).toEqual([
        { field: 'cursor', rules: ['log-position'], messages: [expect.stringMatching(/^cursor must be the `next`/)] },
      ]);
  });
});
