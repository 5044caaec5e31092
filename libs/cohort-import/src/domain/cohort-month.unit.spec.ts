import { requireMonthNotFuture } from './cohort-month';

describe('requireMonthNotFuture', () => {
  const refusal = (month: string, now: string) => {
    try {
      requireMonthNotFuture(month, new Date(now));
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('accepts the current UK month and earlier ones', () => {
    expect(requireMonthNotFuture('2024-06', new Date('2024-06-15T12:00:00Z'))).toBe('2024-06');
    expect(requireMonthNotFuture('2019-12', new Date('2024-06-15T12:00:00Z'))).toBe('2019-12');
  });

  it('refuses a later month, naming month and the rule', () => {
    expect(refusal('2024-07', '2024-06-30T12:00:00Z')).toMatchObject({
      kind: 'invalid',
      details: [{ field: 'month', rule: 'year-month-not-future' }],
    });
    expect(refusal('2099-01', '2024-06-30T12:00:00Z')).toBeDefined();
  });

  it('takes the month in UK time: 23:30 UTC on 31 March is already April under BST, not in winter', () => {
    expect(refusal('2024-04', '2024-03-31T23:30:00Z')).toBeUndefined();
    expect(refusal('2024-01', '2023-12-31T23:30:00Z')).toBeDefined();
  });
});
