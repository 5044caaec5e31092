import { CounterfactualCohort } from './counterfactual-cohort';

const ANY_OVP = { id: 'any-ovp', thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 } };
const LONDON = { id: 'london-2021', thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 } };
const scores = (ogrs2y: number, ovp2y: number, robberyOrBurglaryInLast2Years = false) => ({
  ogrs2y,
  ovp2y,
  robberyOrBurglaryInLast2Years,
});
const pseudonym = (personId: string) => `ps(${personId})`;

function history() {
  const cohort = new CounterfactualCohort();
  // a: OGRS 80, OVP 10 — out under 2021 (OVP < 30), in under "any OVP".
  cohort.referralMade('ca', 'a', '2024-01-05T10:00:00Z');
  cohort.eligibilityEvaluated('ca', scores(80, 10), false, '2024-01-05T10:00:00Z');
  // b: OGRS 55 with burglary, OVP 35 — in under both.
  cohort.referralMade('cb', 'b', '2024-01-10T10:00:00Z');
  cohort.eligibilityEvaluated('cb', scores(55, 35, true), true, '2024-01-10T10:00:00Z');
  // c: recorded eligible under an older, looser policy (OGRS 60 alone) — out under the alternative.
  cohort.referralMade('cc', 'c', '2024-01-15T10:00:00Z');
  cohort.eligibilityEvaluated('cc', scores(60, 40), true, '2024-01-15T10:00:00Z');
  // a is re-assessed in February: OGRS 40, nobody's cohort any more.
  cohort.eligibilityEvaluated('ca', scores(40, 10), false, '2024-02-20T10:00:00Z');
  // b's case closes in March.
  cohort.closed('cb', '2024-03-03T10:00:00Z');
  // d is referred in March, evaluated the same day: OGRS 76, OVP 0.
  cohort.referralMade('cd', 'd', '2024-03-30T10:00:00Z');
  cohort.eligibilityEvaluated('cd', scores(76, 0), false, '2024-03-30T10:00:00Z');
  return cohort;
}

describe('counterfactual IOM cohort', () => {
  it('reports per month who would come in, who would drop out and the difference, by pseudonym', () => {
    const result = history().result({ from: '2024-01-01', to: '2024-03-31', alternative: ANY_OVP, pseudonym });
    expect(result.baseline).toBe('recorded');
    expect(
      result.months.map(({ month, baseline, alternative, inBoth, onlyAlternative, onlyBaseline, difference }) => ({
        month,
        baseline,
        alternative,
        inBoth,
        onlyAlternative,
        onlyBaseline,
        difference,
      })),
    ).toEqual([
      { month: '2024-01', baseline: 2, alternative: 2, inBoth: 1, onlyAlternative: 1, onlyBaseline: 1, difference: 0 },
      { month: '2024-02', baseline: 2, alternative: 1, inBoth: 1, onlyAlternative: 0, onlyBaseline: 1, difference: -1 },
      { month: '2024-03', baseline: 1, alternative: 1, inBoth: 0, onlyAlternative: 1, onlyBaseline: 1, difference: 0 },
    ]);
    expect(result.months[0]?.wouldComeIn).toEqual(['ps(a)']);
    expect(result.months[0]?.wouldDropOut).toEqual(['ps(c)']);
    expect(result.months[2]?.wouldComeIn).toEqual(['ps(d)']);
    expect(result.total).toEqual({ everOnlyAlternative: 2, everOnlyBaseline: 1 });
  });

  it('judges each month on the evaluation in force at its end (a re-assessment dated later does not count yet)', () => {
    const result = history().result({ from: '2024-02-01', to: '2024-02-15', alternative: ANY_OVP, pseudonym });
    expect(result.months[0]).toMatchObject({ asOf: '2024-02-15', alternative: 2, onlyAlternative: 1 });
  });

  it('takes the evaluation that happened last on a day, not the one recorded last', () => {
    const cohort = new CounterfactualCohort();
    cohort.referralMade('ce', 'e', '2024-01-05T10:00:00Z');
    cohort.eligibilityEvaluated('ce', scores(80, 40), true, '2024-01-31T16:00:00Z');
    cohort.eligibilityEvaluated('ce', scores(40, 10), false, '2024-01-31T09:00:00Z'); // the morning's, entered later
    const result = cohort.result({ from: '2024-01-01', to: '2024-01-31', alternative: ANY_OVP, pseudonym });
    expect(result.months[0]).toMatchObject({ baseline: 1, alternative: 1 });
  });

  it('compares two policies given as data instead of the recorded eligibility', () => {
    const result = history().result({
      from: '2024-01-01',
      to: '2024-01-31',
      alternative: ANY_OVP,
      baseline: LONDON,
      pseudonym,
    });
    expect(result.baseline).toBe('london-2021');
    expect(result.months[0]).toMatchObject({ baseline: 1, alternative: 2, onlyAlternative: 1, onlyBaseline: 0 });
  });

  it('turns the robbery/burglary route off when its threshold is null', () => {
    const noRoute = { id: 'ogrs-only', thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: null, ovpMinimum: 30 } };
    const result = history().result({ from: '2024-01-01', to: '2024-01-31', alternative: noRoute, pseudonym });
    expect(result.months[0]?.alternative).toBe(0);
  });

  describe('once a monthly upload reports the nominal expired', () => {
    const FIRST_QUARTER = { from: '2024-01-01', to: '2024-03-31', alternative: ANY_OVP, pseudonym };
    const counts = (result: ReturnType<CounterfactualCohort['result']>) =>
      result.months.map(({ month, baseline, alternative }) => ({ month, baseline, alternative }));

    it('puts a case the panel rejected out from the upload under every policy, as a flag puts an open one', () => {
      const cohort = new CounterfactualCohort();
      cohort.referralMade('ca', 'a', '2024-01-05T10:00:00Z');
      cohort.eligibilityEvaluated('ca', scores(80, 40), true, '2024-01-05T10:00:00Z');
      cohort.rejected('ca');
      cohort.uploadExpired('a', '2024-02-03T09:00:00Z');
      expect(counts(cohort.result(FIRST_QUARTER))).toEqual([
        { month: '2024-01', baseline: 1, alternative: 1 },
        { month: '2024-02', baseline: 0, alternative: 0 },
        { month: '2024-03', baseline: 0, alternative: 0 },
      ]);
    });

    it('finds the rejected case under the id the upload named, since merged into the person', () => {
      const cohort = new CounterfactualCohort();
      cohort.referralMade('ca', 'a', '2024-01-05T10:00:00Z');
      cohort.eligibilityEvaluated('ca', scores(80, 40), true, '2024-01-05T10:00:00Z');
      cohort.rejected('ca');
      cohort.uploadExpired('a-later-merged', '2024-02-03T09:00:00Z');
      const merged = (personId: string) => (personId === 'a' ? ['a', 'a-later-merged'] : [personId]);
      expect(counts(cohort.result(FIRST_QUARTER, (_caseId, personId) => personId, merged))[1]).toEqual({
        month: '2024-02',
        baseline: 0,
        alternative: 0,
      });
    });

    it("leaves a case that was open at the upload to the import's own flag and evaluation on it", () => {
      const cohort = new CounterfactualCohort();
      cohort.referralMade('cb', 'b', '2024-01-05T10:00:00Z');
      cohort.eligibilityEvaluated('cb', scores(80, 40), true, '2024-01-05T10:00:00Z');
      // February's row scores b below the recorded policy but not below "any OVP": flag, then evaluation.
      cohort.expired('cb', '2024-02-03T09:00:00Z');
      cohort.eligibilityEvaluated('cb', scores(80, 10), false, '2024-02-03T09:00:00Z');
      cohort.uploadExpired('b', '2024-02-03T09:00:00Z');
      // Rejected after that upload: only a later upload's word reaches the case.
      cohort.rejected('cb');
      expect(counts(cohort.result(FIRST_QUARTER))[1]).toEqual({ month: '2024-02', baseline: 0, alternative: 1 });
      cohort.uploadExpired('b', '2024-03-02T09:00:00Z');
      expect(counts(cohort.result(FIRST_QUARTER))[2]).toEqual({ month: '2024-03', baseline: 0, alternative: 0 });
    });

    it('keeps the person in on a later referral the panel has not rejected', () => {
      const cohort = new CounterfactualCohort();
      cohort.referralMade('ca', 'a', '2024-01-05T10:00:00Z');
      cohort.eligibilityEvaluated('ca', scores(80, 40), true, '2024-01-05T10:00:00Z');
      cohort.rejected('ca');
      cohort.uploadExpired('a', '2024-02-03T09:00:00Z');
      // Listed eligible again in March: the import opens a new referral.
      cohort.referralMade('ca2', 'a', '2024-03-02T09:00:00Z');
      cohort.eligibilityEvaluated('ca2', scores(80, 40), true, '2024-03-02T09:00:00Z');
      expect(counts(cohort.result(FIRST_QUARTER))[2]).toEqual({ month: '2024-03', baseline: 1, alternative: 1 });
    });
  });
});
