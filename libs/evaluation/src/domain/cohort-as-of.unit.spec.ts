import { CohortAsOf } from './cohort-as-of';

function history() {
  const cohort = new CohortAsOf();
  cohort.referralMade('c1', 'MARAC', 'p1', '2024-01-05T10:00:00Z');
  cohort.decided('c1', 'accepted', '2024-01-06T10:00:00Z');
  cohort.riskRated('c1', 'red', '2024-01-06T10:00:00Z');
  cohort.riskRated('c1', 'amber', '2024-03-01T10:00:00Z');
  cohort.closed('c1', '2024-04-01T10:00:00Z');
  cohort.referralMade('c2', 'MARAC', 'p1', '2024-02-01T10:00:00Z'); // the same victim again
  cohort.referralMade('c3', 'marac', 'p3', '2024-02-10T10:00:00Z');
  cohort.decided('c3', 'declined', '2024-02-11T10:00:00Z');
  cohort.referralMade('c4', 'IOM', 'p4', '2024-01-01T10:00:00Z');
  cohort.statusChanged('c4', 'custody', '2024-01-01T10:00:00Z');
  // Recorded last but dated first: a back-dated status still applies to the days after its date.
  cohort.statusChanged('c2', 'engaging', '2024-02-02T10:00:00Z');
  return cohort;
}

describe('cohort as of a date', () => {
  it("rebuilds a panel's open cases on a day from history, whatever order facts were recorded in", () => {
    expect(history().result('MARAC', '2024-02-15')).toEqual({
      panel: 'MARAC',
      asOf: '2024-02-15',
      openCases: 2,
      people: 1,
      awaitingDecision: 1,
      accepted: 1,
      declined: 1,
      byStatus: { 'not recorded': 1, engaging: 1 },
      byRiskRating: { red: 1, 'not recorded': 1 },
    });
  });

  it('counts a declined referral apart, never as an open case or a person, however long after', () => {
    const cohort = history();
    expect(cohort.result('MARAC', '2024-02-10')).toMatchObject({ openCases: 3, awaitingDecision: 2, declined: 0 });
    expect(cohort.result('MARAC', '2030-01-01')).toMatchObject({ openCases: 1, people: 1, declined: 1 });
  });

  it('takes the rating that happened last on a day, not the one recorded last', () => {
    const cohort = new CohortAsOf();
    cohort.referralMade('c1', 'MASE', 'p1', '2024-06-01T10:00:00Z');
    cohort.riskRated('c1', 'green', '2024-06-25T15:00:00Z');
    // Entered later from the meeting's minutes: the morning's rating, superseded that afternoon.
    cohort.riskRated('c1', 'red', '2024-06-25T09:00:00Z');
    cohort.riskRated('c1', 'amber', '2024-06-26T09:00:00+01:00');
    cohort.riskRated('c1', 'red', '2024-06-26T08:00:00Z'); // the same instant, recorded later: it stands
    expect(cohort.result('MASE', '2024-06-25').byRiskRating).toEqual({ green: 1 });
    expect(cohort.result('MASE', '2024-06-26').byRiskRating).toEqual({ red: 1 });
  });

  it("takes facts dated after the day up to today's reach, and none past it", () => {
    const cohort = new CohortAsOf();
    cohort.referralMade('c1', 'MARAC', 'p1', '2025-11-20T10:00:00Z');
    cohort.decided('c1', 'accepted', '2025-11-20T11:00:00Z');
    cohort.closed('c1', '2025-11-21T00:00:00Z');
    cohort.referralMade('c2', 'MARAC', 'p2', '2025-11-21T00:00:00Z');
    cohort.riskRated('c2', 'red', '2025-11-21T00:03:00Z');
    cohort.referralMade('c3', 'MARAC', 'p3', '2025-11-21T00:10:00Z');
    const reach = Date.parse('2025-11-21T00:04:00Z'); // 23:59 plus five minutes of skew
    const today = cohort.result('MARAC', '2025-11-20', undefined, reach);
    expect([today.openCases, today.accepted, today.byRiskRating]).toEqual([1, 0, { red: 1 }]);
    const pastDay = cohort.result('MARAC', '2025-11-20');
    expect([pastDay.openCases, pastDay.accepted, pastDay.byRiskRating]).toEqual([1, 1, { 'not recorded': 1 }]);
  });

  it("counts an IOM case under its referral form's status until a status change", () => {
    const cohort = new CohortAsOf();
    cohort.referralMade('c1', 'IOM', 'p1', '2024-01-01T10:00:00Z', 'engaging-with-sentence');
    cohort.referralMade('c2', 'IOM', 'p2', '2024-01-01T10:00:00Z');
    cohort.statusChanged('c1', 'custody', '2024-02-01T10:00:00Z');
    expect(cohort.result('IOM', '2024-01-31').byStatus).toEqual({ 'engaging-with-sentence': 1, 'not recorded': 1 });
    expect(cohort.result('IOM', '2024-02-01').byStatus).toEqual({ custody: 1, 'not recorded': 1 });
  });

  it('leaves out cases referred after the day and cases closed by it, and takes the rating in force', () => {
    const cohort = history();
    expect(cohort.result('MARAC', '2024-01-04').openCases).toBe(0);
    expect(cohort.result('MARAC', '2024-03-31').byRiskRating).toEqual({ amber: 1, 'not recorded': 1 });
    expect(cohort.result('MARAC', '2024-04-01').openCases).toBe(1);
    expect(cohort.result('iom', '2024-04-01')).toMatchObject({ panel: 'IOM', openCases: 1, byStatus: { custody: 1 } });
  });
});
