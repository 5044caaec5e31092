import { MaracRepeatRateReport, type MaracReferralFact } from './marac-repeat-rate-report';
import { PersonProfiles } from './person-profiles';

let sequence = 0;
const referral = (personId: string, referredAt: string, extra: Partial<MaracReferralFact> = {}): MaracReferralFact => ({
  caseId: `case-${++sequence}`,
  personId,
  referredAt,
  // The incident on the day of the referral unless a test says otherwise.
  incidentAt: referredAt,
  sourceAgency: 'Metropolitan Police',
  repeatFlagged: false,
  ...extra,
});

const YEAR = { from: '2022-01-01', to: '2022-12-31' };

function reportOf(facts: MaracReferralFact[], profiles = new PersonProfiles()) {
  const report = new MaracRepeatRateReport();
  facts.forEach((f) => report.recordReferral(f));
  return (period: { from: string; to: string; population?: number } = YEAR) => report.result(period, profiles);
}

/** `repeats` of `referrals` victims referred twice in 2022 (first in January, again in June). */
function cohortWith(referrals: number, repeats: number): MaracReferralFact[] {
  const facts: MaracReferralFact[] = [];
  for (let i = 0; i < repeats; i++) facts.push(referral(`v${i}`, '2021-11-01T10:00:00Z'));
  for (let i = 0; i < referrals; i++) facts.push(referral(`v${i}`, '2022-06-01T10:00:00Z'));
  return facts;
}

describe('MARAC repeat rate', () => {
  it("counts a repeat on the form's previous MARAC date, the anniversary in and the day after out", () => {
    const result = reportOf([
      // No referral here: the last MARAC is before go-live, or another area's.
      referral('a', '2022-03-12T10:00:00Z', {
        incidentAt: '2022-03-10T21:00:00Z',
        previousMaracReported: '2021-03-10',
      }),
      referral('b', '2022-03-12T10:00:00Z', {
        incidentAt: '2022-03-11T09:00:00Z',
        previousMaracReported: '2021-03-10',
      }),
    ])();
    expect(result).toMatchObject({ referrals: 2, repeats: 1, repeatsFromReportedDate: 1 });
  });

  it("judges on the victim's last referral here and on the form's date, a repeat of either counting", () => {
    const result = reportOf([
      referral('a', '2021-01-15T10:00:00Z'),
      // Past the window of January 2021, inside that of the other area's MARAC in October.
      referral('a', '2022-03-20T10:00:00Z', {
        incidentAt: '2022-03-19T21:00:00Z',
        previousMaracReported: '2021-10-02',
      }),
      referral('b', '2021-09-01T10:00:00Z'),
      // The history's referral is the later: the repeat is the history's.
      referral('b', '2022-01-05T10:00:00Z', {
        incidentAt: '2022-01-04T21:00:00Z',
        previousMaracReported: '2021-06-01',
      }),
      referral('c', '2021-01-15T10:00:00Z'),
      // The form dates the MARAC that heard her after this incident: the history's repeat stands.
      referral('c', '2021-10-05T10:00:00Z', {
        incidentAt: '2021-09-30T21:00:00Z',
        previousMaracReported: '2021-10-02',
      }),
      referral('d', '2019-01-15T10:00:00Z'),
      // Past both windows: no repeat.
      referral('d', '2021-10-05T10:00:00Z', {
        incidentAt: '2021-09-30T21:00:00Z',
        previousMaracReported: '2020-06-01',
      }),
    ])({ from: '2021-10-01', to: '2022-12-31' });
    expect(result).toMatchObject({ referrals: 4, repeats: 3, repeatsFromReportedDate: 1 });
  });

  it('judges repeats with the 12-calendar-month rule: the anniversary is a repeat, the day after is not', () => {
    const result = reportOf([
      referral('a', '2021-03-10T10:00:00Z'),
      referral('a', '2022-03-10T10:00:00Z'), // day 365, the anniversary: repeat
      referral('b', '2021-03-10T10:00:00Z'),
      referral('b', '2022-03-11T10:00:00Z'), // day 366: not a repeat
    ])();
    expect(result).toMatchObject({ referrals: 2, repeats: 1, rate: 0.5 });
  });

  it('handles leap days as the lifecycle does (29 Feb 2020 → window ends 28 Feb 2021)', () => {
    const result = reportOf([
      referral('a', '2020-02-29'),
      referral('a', '2021-02-28'),
      referral('b', '2020-02-29'),
      referral('b', '2021-03-01'),
    ])({ from: '2021-01-01', to: '2021-12-31' });
    expect(result.repeats).toBe(1);
    expect(result.referrals).toBe(2);
  });

  it('takes UK dates: 23:30 UTC in summer is the next day in London, for the rule and for the period', () => {
    const result = reportOf([
      referral('a', '2021-06-01T10:00:00Z'),
      referral('a', '2022-05-31T23:30:00Z'), // 1 June 2022 in London: the anniversary, a repeat
      referral('b', '2021-06-01T10:00:00Z'),
      referral('b', '2022-06-01T23:30:00Z'), // 2 June 2022 in London: outside the window
    ])({ from: '2022-06-01', to: '2022-06-30' });
    expect(result).toMatchObject({ referrals: 2, repeats: 1 });
  });

  it('counts a referral in the period of its referredAt, judged against referrals before the period', () => {
    const result = reportOf([referral('a', '2021-12-20T10:00:00Z'), referral('a', '2022-01-05T10:00:00Z')])();
    expect(result).toMatchObject({ referrals: 1, repeats: 1, rate: 1 });
    expect(result.months[0]).toEqual({ month: '2022-01', referrals: 1, repeats: 1, rate: 1 });
    expect(result.months).toHaveLength(12);
  });

  it('re-judges from the whole history: a back-dated earlier referral recorded later makes a repeat', () => {
    const result = reportOf([
      referral('a', '2022-05-01T10:00:00Z', { repeatFlagged: false }),
      referral('a', '2022-02-01T10:00:00Z'), // recorded afterwards, dated before
    ])();
    expect(result).toMatchObject({ referrals: 2, repeats: 1, repeatsFlaggedAtReferral: 0 });
  });

  it('judges the further incident in the window, not the referral: assaulted before the anniversary, referred after', () => {
    const result = reportOf([
      referral('a', '2023-05-02T09:00:00Z'),
      referral('a', '2024-05-09T09:00:00Z', { incidentAt: '2024-04-28T22:00:00Z' }),
      referral('b', '2023-05-02T09:00:00Z'),
      referral('b', '2024-05-09T09:00:00Z', { incidentAt: '2024-05-03T22:00:00Z' }), // after the anniversary
    ])({ from: '2024-05-01', to: '2024-05-31' });
    expect(result).toMatchObject({ referrals: 2, repeats: 1 });
  });

  it('finds no repeat in an incident dated before the last referral, nor in one with no incident date', () => {
    const result = reportOf([
      referral('a', '2022-03-01T09:00:00Z'),
      referral('a', '2022-03-04T09:00:00Z', { incidentAt: '2022-02-27T21:00:00Z' }),
      referral('b', '2022-03-01T09:00:00Z'),
      referral('b', '2022-03-04T09:00:00Z', { incidentAt: 'not a date' }),
    ])();
    expect(result).toMatchObject({ referrals: 4, repeats: 0 });
  });

  it('uses the window the panel applied when it was recorded', () => {
    const result = reportOf([
      referral('a', '2022-01-10T10:00:00Z'),
      referral('a', '2022-08-10T10:00:00Z', { repeatWindowMonths: 6 }),
    ])();
    expect(result.repeats).toBe(0);
  });

  it.each([
    [100, 27, false],
    [100, 28, true],
    [100, 40, true],
    [100, 41, false],
    [25, 7, true], // 28% exactly, from a denominator that is not 100
    [5, 2, true], // 40% exactly
  ])('band edges are inclusive: %i referrals with %i repeats → withinBand %s', (referrals, repeats, within) => {
    const result = reportOf(cohortWith(referrals, repeats))();
    expect(result.referrals).toBe(referrals);
    expect(result.repeats).toBe(repeats);
    expect(result.withinBand).toBe(within);
    expect(result.band).toEqual({ low: 0.28, high: 0.4 });
  });

  it("reproduces the domain brief's figures: a borough at 17.1% is outside the band, the national ~32% inside", () => {
    expect(reportOf(cohortWith(1000, 171))()).toMatchObject({ rate: 0.171, withinBand: false });
    expect(reportOf(cohortWith(1000, 320))()).toMatchObject({ rate: 0.32, withinBand: true });
  });

  it('has no rate and no band judgement for a period without referrals', () => {
    expect(reportOf([])()).toMatchObject({ referrals: 0, repeats: 0, rate: null, withinBand: null });
  });

  it("gives cases per 10,000 adult women beside SafeLives' recommended 40, and annualises a part year", () => {
    const facts = Array.from({ length: 40 }, (_, i) => referral(`w${i}`, '2022-03-15T10:00:00Z'));
    expect(reportOf(facts)({ ...YEAR, population: 10_000 }).perPopulation).toEqual({
      population: 10_000,
      casesPer10000AdultWomen: 40,
      annualisedPer10000AdultWomen: 40,
      recommendedPer10000AdultWomenPerYear: 40,
    });
    const quarter = reportOf(facts)({ from: '2022-01-01', to: '2022-03-31', population: 10_000 }).perPopulation;
    expect(quarter?.casesPer10000AdultWomen).toBe(40);
    expect(quarter?.annualisedPer10000AdultWomen).toBe(162.22); // 40 × 365 / 90
    expect(reportOf(facts)().perPopulation).toBeUndefined();
  });

  it('breaks referrals down by source agency and equality fields, counting "not recorded" apart', () => {
    const profiles = new PersonProfiles();
    profiles.registered('a', { sex: 'female', dateOfBirth: '2006-06-01', ethnicity: 'Black British' });
    profiles.registered('b', { sex: 'male', dateOfBirth: '2004-06-01', ethnicity: 'B1', disability: 'No' });
    profiles.registered('c', {});
    profiles.detailsRecorded('c', { disability: 'Deaf' });
    const result = reportOf(
      [
        referral('a', '2022-05-31T10:00:00Z'), // 15 the day before her 16th birthday
        referral('a', '2022-06-01T10:00:00Z', { sourceAgency: 'IDVA service' }), // 16 on her birthday
        referral('b', '2022-05-31T10:00:00Z', { sourceAgency: 'IDVA service' }), // 17
        referral('c', '2022-07-01T10:00:00Z', { sourceAgency: ' ' }),
      ],
      profiles,
    )();
    expect(result.bySourceAgency).toEqual({ police: 1, idva: 2, 'not recorded': 1 });
    expect(result.equality).toEqual({
      sex: { female: 2, male: 1, 'not recorded': 1 },
      ageAtReferral: { 'under-16': 1, '16-17': 2, '18+': 0, 'not recorded': 1 },
      aged16To17: 2,
      // One group however it was typed; a description of an impairment is not a yes/no answer.
      ethnicity: { black: 3, 'not recorded': 1 },
      disability: { 'not recorded': 2, no: 1, 'not-recognised': 1 },
    });
  });

  it('counts a redelivered referral of the same case once', () => {
    const fact = referral('a', '2022-03-01T10:00:00Z');
    expect(reportOf([fact, fact])().referrals).toBe(1);
  });
});
