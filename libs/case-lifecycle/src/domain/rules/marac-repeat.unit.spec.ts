import { rejectionFrom } from '../testing/case-fixtures';
import { detectMaracRepeat, requirePreviousReferralBefore } from './marac-repeat';

describe('MARAC repeat detection: a further incident within 12 calendar months of the last referral', () => {
  it('finds no repeat without a previous referral', () => {
    expect(detectMaracRepeat(undefined, '2022-03-10T09:00:00Z')).toEqual({ repeat: false, windowEndsOn: null });
  });

  it('judges the incident, not the referral that follows it: assaulted before the anniversary, referred after', () => {
    // Last referred 2 May 2023; assaulted again 28 April 2024 (referred 9 May 2024, past the anniversary).
    expect(detectMaracRepeat('2023-05-02T09:00:00Z', '2024-04-28T22:00:00Z')).toEqual({
      repeat: true,
      windowEndsOn: '2024-05-02',
    });
  });

  it('counts an incident on the anniversary (day 365) as a repeat and day 366 as not', () => {
    const previous = '2021-03-10T09:00:00Z';
    expect(detectMaracRepeat(previous, '2022-03-10T17:00:00Z')).toEqual({ repeat: true, windowEndsOn: '2022-03-10' });
    expect(detectMaracRepeat(previous, '2022-03-11T08:00:00Z').repeat).toBe(false);
  });

  it('counts an incident on the anniversary across a leap day even though it is day 366', () => {
    // 2019-03-01 → 2020-03-01 spans 29 Feb 2020: 366 days, still within 12 calendar months.
    expect(detectMaracRepeat('2019-03-01', '2020-02-29').repeat).toBe(true); // day 365
    expect(detectMaracRepeat('2019-03-01', '2020-03-01').repeat).toBe(true); // day 366, the anniversary
    expect(detectMaracRepeat('2019-03-01', '2020-03-02').repeat).toBe(false);
  });

  it('ends the window of a 29 February referral on 28 February of the next year', () => {
    expect(detectMaracRepeat('2020-02-29', '2021-02-28')).toEqual({ repeat: true, windowEndsOn: '2021-02-28' });
    expect(detectMaracRepeat('2020-02-29', '2021-03-01').repeat).toBe(false);
  });

  it('uses the UK date: 00:30 BST on the day after the anniversary is 23:30 UTC on the anniversary, and is outside', () => {
    expect(detectMaracRepeat('2021-06-01T10:00:00+01:00', '2022-06-01T23:30:00Z').repeat).toBe(false);
    expect(detectMaracRepeat('2021-06-01T10:00:00+01:00', '2022-06-01T22:30:00Z').repeat).toBe(true);
  });

  it('counts an incident on the day of the last referral as a further one', () => {
    expect(detectMaracRepeat('2022-03-10T09:00:00Z', '2022-03-10T15:00:00Z').repeat).toBe(true);
    expect(detectMaracRepeat('2022-03-10T09:00:00Z', '2022-03-10T08:00:00Z').repeat).toBe(true);
  });

  it('finds no repeat in an incident dated before the last referral: it is not a further incident', () => {
    // 23:30 UTC on 9 March is still 9 March in London (GMT).
    expect(detectMaracRepeat('2022-03-10T09:00:00Z', '2022-03-09T23:30:00Z')).toEqual({
      repeat: false,
      windowEndsOn: '2023-03-10',
    });
    expect(detectMaracRepeat('2022-03-10', '2021-12-01').repeat).toBe(false);
  });

  it('honours a configured window', () => {
    expect(detectMaracRepeat('2021-03-10', '2021-09-10', 6).repeat).toBe(true);
    expect(detectMaracRepeat('2021-03-10', '2021-09-11', 6).repeat).toBe(false);
  });

  it('refuses a "previous" referral dated after this referral as invalid, naming it', () => {
    const rejection = rejectionFrom(() => requirePreviousReferralBefore('2022-03-11', '2022-03-10T09:00:00Z'));
    expect(rejection.kind).toBe('invalid');
    expect(rejection.details[0]?.field).toBe('previousMaracReferralAt');
    expect(() => requirePreviousReferralBefore('2022-03-10', '2022-03-10T09:00:00Z')).not.toThrow();
    expect(() => requirePreviousReferralBefore(undefined, '2022-03-10T09:00:00Z')).not.toThrow();
  });
});
