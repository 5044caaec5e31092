import { rejectionFrom } from '../testing/case-fixtures';
import { detectMaracRepeat, judgeMaracRepeat, requirePreviousReferralBefore } from './marac-repeat';

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

describe('MARAC repeat judged on the history and the form’s previous MARAC date', () => {
  it('counts a last MARAC known only from the form: the anniversary is in, the day after is not', () => {
    // Reported MARAC 10 Mar 2025 (before go-live, or another area's); no referral here.
    expect(judgeMaracRepeat({ reportedOn: '2025-03-10' }, '2026-03-10T21:00:00Z')).toEqual({
      repeat: true,
      windowEndsOn: '2026-03-10',
      repeatFrom: 'reported',
      last: { on: '2025-03-10', from: 'reported' },
    });
    expect(judgeMaracRepeat({ reportedOn: '2025-03-10' }, '2026-03-11T09:00:00Z')).toEqual({
      repeat: false,
      windowEndsOn: '2026-03-10',
      repeatFrom: null,
      last: { on: '2025-03-10', from: 'reported' },
    });
  });

  it('reads the incident as a UK date at the boundary: 23:30 UTC in summer is the next UK day', () => {
    expect(judgeMaracRepeat({ reportedOn: '2025-06-11' }, '2026-06-11T22:30:00Z').repeat).toBe(true);
    expect(judgeMaracRepeat({ reportedOn: '2025-06-11' }, '2026-06-11T23:30:00Z').repeat).toBe(false);
  });

  it('judges on the later of the two: a later MARAC elsewhere opens a new window past the history’s', () => {
    const evidence = { historyAt: '2025-01-15T09:00:00Z', reportedOn: '2025-10-02' };
    expect(judgeMaracRepeat(evidence, '2026-03-19T21:00:00Z')).toMatchObject({
      repeat: true,
      repeatFrom: 'reported',
      windowEndsOn: '2026-10-02',
    });
  });

  it('judges on the history when its last referral is the later one', () => {
    const evidence = { historyAt: '2025-09-01T09:00:00Z', reportedOn: '2025-06-01' };
    expect(judgeMaracRepeat(evidence, '2026-01-04T21:00:00Z')).toMatchObject({ repeat: true, repeatFrom: 'history' });
    // Past the form's window but inside the history's.
    expect(judgeMaracRepeat(evidence, '2026-08-20T21:00:00Z')).toMatchObject({ repeat: true, repeatFrom: 'history' });
  });

  it('takes the history when both fall on one UK day', () => {
    expect(judgeMaracRepeat({ historyAt: '2025-06-01T22:30:00Z', reportedOn: '2025-06-01' }, '2025-07-01')).toEqual({
      repeat: true,
      windowEndsOn: '2026-06-01',
      repeatFrom: 'history',
      last: { on: '2025-06-01', from: 'history' },
    });
  });

  it('finds a repeat of the history even when the form dates a MARAC after the incident', () => {
    // Referrers often give the day the last MARAC heard her: after an incident that followed her
    // last referral. That must not hide the repeat her referral here shows.
    const evidence = { historyAt: '2025-01-15T09:00:00Z', reportedOn: '2025-10-02' };
    expect(judgeMaracRepeat(evidence, '2025-09-30T21:00:00Z')).toMatchObject({
      repeat: true,
      repeatFrom: 'history',
      last: { from: 'history', on: '2025-01-15' },
    });
  });

  it('judges no repeat on a form date her later referral here supersedes', () => {
    // Referred here on 20 January; the incident of 15 January came before it, so it is no further
    // incident, whatever older MARAC (20 November) the form also names.
    const evidence = { historyAt: '2026-01-20T09:00:00Z', reportedOn: '2025-11-20' };
    expect(judgeMaracRepeat(evidence, '2026-01-15T21:00:00Z')).toMatchObject({
      repeat: false,
      repeatFrom: null,
      last: { from: 'history', on: '2026-01-20' },
    });
  });

  it('finds no repeat when the incident repeats neither, and names the later of the two as the last MARAC', () => {
    const evidence = { historyAt: '2023-01-15T09:00:00Z', reportedOn: '2025-10-02' };
    expect(judgeMaracRepeat(evidence, '2025-09-30T21:00:00Z')).toMatchObject({
      repeat: false,
      repeatFrom: null,
      last: { from: 'reported', on: '2025-10-02' },
    });
  });

  it('is the history’s judgement when the form gives no date, and none without either', () => {
    expect(judgeMaracRepeat({ historyAt: '2025-03-10T09:00:00Z' }, '2026-03-10T21:00:00Z')).toMatchObject({
      repeat: true,
      repeatFrom: 'history',
    });
    expect(judgeMaracRepeat({}, '2026-03-10T21:00:00Z')).toEqual({
      repeat: false,
      windowEndsOn: null,
      repeatFrom: null,
      last: null,
    });
  });

  it('honours a configured window on the form’s date', () => {
    expect(judgeMaracRepeat({ reportedOn: '2025-03-10' }, '2025-09-10', 6).repeat).toBe(true);
    expect(judgeMaracRepeat({ reportedOn: '2025-03-10' }, '2025-09-11', 6).repeat).toBe(false);
  });
});
