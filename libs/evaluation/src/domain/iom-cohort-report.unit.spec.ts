import { IomCohortReport } from './iom-cohort-report';
import { PersonProfiles } from './person-profiles';

const PERIOD = { from: '2024-01-01', to: '2024-03-31' };

function history() {
  const report = new IomCohortReport();
  const profiles = new PersonProfiles();
  profiles.registered('p1', { sex: 'male', dateOfBirth: '2000-02-15', ethnicity: 'White British' });
  profiles.registered('p2', { sex: 'female', dateOfBirth: '1970-01-01' });
  profiles.registered('p3', { sex: 'male' });
  // p0: adopted before the period, closed (success) in February.
  report.referralMade('c0', 'p0', '2023-10-01T10:00:00Z');
  report.eligibilityEvaluated('c0', true, '2023-10-01T10:00:00Z');
  report.adopted('c0', '2023-10-05T10:00:00Z', null);
  report.closed('c0', '2024-02-10T10:00:00Z', 'success');
  // p1: adopted in January (turns 24 in February), still in the cohort.
  report.referralMade('c1', 'p1', '2024-01-02T10:00:00Z');
  report.eligibilityEvaluated('c1', true, '2024-01-02T10:00:00Z');
  report.adopted('c1', '2024-01-31T23:30:00Z', null); // 31 Jan in London (GMT)
  // p2: added by discretion in March, closed on the last day of March (moved away).
  report.referralMade('c2', 'p2', '2024-03-01T10:00:00Z');
  report.eligibilityEvaluated('c2', false, '2024-03-01T10:00:00Z');
  report.adopted('c2', '2024-03-02T10:00:00Z', { category: 'domestic-abuse' });
  report.closed('c2', '2024-03-31T12:00:00Z', 'moved-out-of-area');
  // p3: eligible, rejected in a category; p4 eligible and awaiting a decision; p5 not eligible.
  report.referralMade('c3', 'p3', '2024-02-01T10:00:00Z');
  report.eligibilityEvaluated('c3', true, '2024-02-01T10:00:00Z');
  report.rejected('c3', '2024-02-03T10:00:00Z', 'managed-under-mappa', true);
  report.referralMade('c4', 'p4', '2024-03-20T10:00:00Z');
  report.eligibilityEvaluated('c4', true, '2024-03-20T10:00:00Z');
  report.referralMade('c5', 'p5', '2024-03-20T10:00:00Z');
  report.eligibilityEvaluated('c5', false, '2024-03-20T10:00:00Z');
  report.rejected('c5', '2024-03-21T10:00:00Z', 'not-suitable', false);
  // p6: eligible and rejected after the period: awaiting at `to`, not a rejection in it.
  report.referralMade('c6', 'p6', '2024-03-25T10:00:00Z');
  report.eligibilityEvaluated('c6', true, '2024-03-25T10:00:00Z');
  report.rejected('c6', '2024-04-02T10:00:00Z', 'managed-under-mappa', true);
  return { report, profiles };
}

describe('IOM cohort report', () => {
  it('gives cohort size at each month end, entries and exits by exit status', () => {
    const { report, profiles } = history();
    const result = report.result(PERIOD, profiles);
    expect(result.months).toEqual([
      { month: '2024-01', cohortAtMonthEnd: 2, entries: 1, exits: 0, exitsByStatus: {} },
      { month: '2024-02', cohortAtMonthEnd: 1, entries: 0, exits: 1, exitsByStatus: { success: 1 } },
      // p2 left on 31 March: not in the cohort at that day's end.
      { month: '2024-03', cohortAtMonthEnd: 1, entries: 1, exits: 1, exitsByStatus: { 'moved-out-of-area': 1 } },
    ]);
    expect(result.total).toEqual({
      entries: 2,
      entriesByDiscretion: 1,
      entriesByDiscretionCategory: { 'domestic-abuse': 1 },
      exits: 2,
      exitsByStatus: { success: 1, 'moved-out-of-area': 1 },
    });
  });

  it('describes everyone in the cohort during the period once, age on their last day in it', () => {
    const { report, profiles } = history();
    expect(report.result(PERIOD, profiles).demographics).toEqual({
      people: 3,
      sex: { 'not recorded': 1, male: 1, female: 1 },
      ageBands: { 'under-18': 0, '18-24': 1, '25-34': 0, '35-49': 0, '50+': 1, 'not recorded': 1 },
      ethnicity: { 'not recorded': 2, white: 1 },
    });
    // On 14 Feb 2024 p1 is still 23: the band follows the last day in the cohort within the period.
    const january = report.result({ from: '2024-01-01', to: '2024-01-31' }, profiles).demographics;
    expect(january.ageBands['18-24']).toBe(1);
  });

  it('counts eligible cases not adopted by category, and those still awaiting a decision, without identifiers', () => {
    const { report, profiles } = history();
    const result = report.result(PERIOD, profiles);
    expect(result.eligibleNotAdopted).toEqual({
      rejected: 1,
      byReason: { 'managed-under-mappa': 1 },
      awaitingDecision: 2,
    });
    expect(JSON.stringify(result)).not.toMatch(/\bp[0-9]\b|\bc[0-9]\b/);
    const april = report.result({ from: '2024-04-01', to: '2024-04-30' }, profiles).eligibleNotAdopted;
    expect(april).toEqual({ rejected: 1, byReason: { 'managed-under-mappa': 1 }, awaitingDecision: 1 });
  });

  it('counts decisions recorded before categories, or outside the lists, as not-categorised, never by their text', () => {
    const { report, profiles } = history();
    report.referralMade('c8', 'p8', '2024-02-01T10:00:00Z');
    report.eligibilityEvaluated('c8', true, '2024-02-01T10:00:00Z');
    report.rejected('c8', '2024-02-02T10:00:00Z', undefined, true);
    report.referralMade('c9', 'p9', '2024-02-01T10:00:00Z');
    report.eligibilityEvaluated('c9', true, '2024-02-01T10:00:00Z');
    report.rejected('c9', '2024-02-02T10:00:00Z', 'Lives with victim Efua Quaye at 12 Elm Rd', true);
    report.referralMade('c10', 'p10', '2024-02-01T10:00:00Z');
    report.eligibilityEvaluated('c10', false, '2024-02-01T10:00:00Z');
    report.adopted('c10', '2024-02-02T10:00:00Z', {});
    const result = report.result(PERIOD, profiles);
    expect(result.eligibleNotAdopted.byReason).toEqual({ 'managed-under-mappa': 1, 'not-categorised': 2 });
    expect(result.total.entriesByDiscretionCategory).toEqual({ 'domestic-abuse': 1, 'not-categorised': 1 });
    expect(JSON.stringify(result)).not.toMatch(/elm rd|quaye/i);
  });

  it('judges "awaiting a decision" on the eligibility in force at the end of the period', () => {
    const { report, profiles } = history();
    report.referralMade('c7', 'p7', '2024-03-01T10:00:00Z');
    report.eligibilityEvaluated('c7', false, '2024-03-01T10:00:00Z');
    report.eligibilityEvaluated('c7', true, '2024-04-10T10:00:00Z'); // re-assessed after the period
    expect(report.result(PERIOD, profiles).eligibleNotAdopted.awaitingDecision).toBe(2);
    expect(report.result({ from: '2024-04-01', to: '2024-04-30' }, profiles).eligibleNotAdopted.awaitingDecision).toBe(
      2,
    );
  });

  it('judges eligibility on the evaluation that happened last on a day, not the one recorded last', () => {
    const report = new IomCohortReport();
    report.referralMade('c1', 'p1', '2024-03-01T10:00:00Z');
    report.eligibilityEvaluated('c1', true, '2024-03-31T16:00:00Z');
    report.eligibilityEvaluated('c1', false, '2024-03-31T09:00:00Z'); // the morning's, entered later
    expect(report.result(PERIOD, new PersonProfiles()).eligibleNotAdopted.awaitingDecision).toBe(1);
  });

  it('does not count a duplicate referral awaiting a decision while its person, as known now, is in the cohort on another case', () => {
    const { report, profiles } = history();
    // p1 (adopted in January) referred again under another record, which a reviewer merged into p1.
    report.referralMade('c8', 'p1-again', '2024-03-10T10:00:00Z');
    report.eligibilityEvaluated('c8', true, '2024-03-10T10:00:00Z');
    const asRecorded = { personOfCase: (_: string, id: string) => id, idsOf: (id: string) => [id] };
    const merged = { ...asRecorded, personOfCase: (_: string, id: string) => (id === 'p1-again' ? 'p1' : id) };
    expect(report.result(PERIOD, profiles, asRecorded).eligibleNotAdopted.awaitingDecision).toBe(3);
    expect(report.result(PERIOD, profiles, merged).eligibleNotAdopted.awaitingDecision).toBe(2);
    // Once his IOM period ends, the pending referral is a nominal no one manages.
    report.closed('c1', '2024-04-15T10:00:00Z', 'moved-out-of-area');
    expect(report.result({ from: '2024-04-01', to: '2024-04-30' }, profiles, merged).eligibleNotAdopted).toMatchObject({
      awaitingDecision: 2,
    });
    expect(report.result({ from: '2024-04-01', to: '2024-04-14' }, profiles, merged).eligibleNotAdopted).toMatchObject({
      awaitingDecision: 1,
    });
  });

  it('counts a person awaiting a decision on two cases, revealed by a merge, once', () => {
    const { report, profiles } = history();
    const asRecorded = { personOfCase: (_: string, id: string) => id, idsOf: (id: string) => [id] };
    const before = report.result(PERIOD, profiles, asRecorded).eligibleNotAdopted.awaitingDecision;
    report.referralMade('c8', 'p8', '2024-03-04T10:00:00Z');
    report.eligibilityEvaluated('c8', true, '2024-03-04T10:00:00Z');
    report.referralMade('c9', 'p8-again', '2024-03-10T10:00:00Z');
    report.eligibilityEvaluated('c9', true, '2024-03-10T10:00:00Z');
    const merged = { ...asRecorded, personOfCase: (_: string, id: string) => (id === 'p8-again' ? 'p8' : id) };
    expect(report.result(PERIOD, profiles, asRecorded).eligibleNotAdopted.awaitingDecision).toBe(before + 2);
    expect(report.result(PERIOD, profiles, merged).eligibleNotAdopted.awaitingDecision).toBe(before + 1);
  });

  it('ignores closures of cases it does not know (other panels)', () => {
    const { report, profiles } = history();
    expect(report.knows('another-panel-case')).toBe(false);
    report.closed('another-panel-case', '2024-01-10T10:00:00Z', 'success');
    expect(report.result(PERIOD, profiles).total.exits).toBe(2);
  });

  it('counts a case closed on the first day of the period both as an exit and among the people in the cohort', () => {
    const report = new IomCohortReport();
    const profiles = new PersonProfiles();
    profiles.registered('p9', { sex: 'female', dateOfBirth: '1990-01-01' });
    report.referralMade('c9', 'p9', '2023-11-01T10:00:00Z');
    report.eligibilityEvaluated('c9', true, '2023-11-01T10:00:00Z');
    report.adopted('c9', '2023-11-02T10:00:00Z', null);
    report.closed('c9', '2024-01-01T09:00:00Z', 'success');
    const result = report.result(PERIOD, profiles);
    expect(result.total.exits).toBe(1);
    // She was in the cohort that morning: every exit counted is someone the demographics describe.
    expect(result.demographics).toMatchObject({ people: 1, sex: { female: 1 }, ageBands: { '25-34': 1 } });
  });
});
