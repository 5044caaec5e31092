import { CohortAsOf } from './cohort-as-of';
import { CounterfactualCohort } from './counterfactual-cohort';
import { IomCohortReport } from './iom-cohort-report';
import { PeopleNow } from './people-now';
import { PersonProfiles } from './person-profiles';
import { confirmedMatch, restoringSplit } from './testing/identity-decisions';

/**
 * Reports that count people count them as the log now knows them: one offender referred twice
 * under two ids ('kit' and 'kit-again') is one person once a reviewer confirms it, and two again
 * after a split restores the second. Synthetic ids only.
 */
function peopleNow(...decide: ((people: PeopleNow) => void)[]): PeopleNow {
  const people = new PeopleNow();
  people.caseReferred('c1', 'kit');
  people.caseReferred('c2', 'kit-again');
  decide.forEach((d) => d(people));
  return people;
}
const merged = () => peopleNow((p) => p.matchDecided(confirmedMatch('p1', 'kit', 'kit-again')));
const restored = () =>
  peopleNow(
    (p) => p.matchDecided(confirmedMatch('p1', 'kit', 'kit-again')),
    (p) => p.split(restoringSplit('kit', 'kit-again')),
  );

describe('people counted as the log now knows them', () => {
  it('IOM cohort: one person adopted on two cases under two ids counts once, twice again after a restoring split', () => {
    const report = new IomCohortReport();
    const profiles = new PersonProfiles();
    profiles.registered('kit', { sex: 'male' });
    profiles.registered('kit-again', { sex: 'male' });
    for (const [caseId, personId] of [
      ['c1', 'kit'],
      ['c2', 'kit-again'],
    ] as const) {
      report.referralMade(caseId, personId, '2024-01-02T10:00:00Z');
      report.eligibilityEvaluated(caseId, true, '2024-01-02T10:00:00Z');
      report.adopted(caseId, '2024-01-03T10:00:00Z', null);
    }
    const period = { from: '2024-01-01', to: '2024-01-31' };
    const once = report.result(period, profiles, merged());
    expect(once.months[0]).toMatchObject({ cohortAtMonthEnd: 1, entries: 2 });
    expect(once.demographics).toMatchObject({ people: 1, sex: { male: 1 } });
    const twice = report.result(period, profiles, restored());
    expect(twice.months[0]?.cohortAtMonthEnd).toBe(2);
    expect(twice.demographics.people).toBe(2);
  });

  it('cohort as of a day: open cases stay two, people are one once confirmed', () => {
    const cohort = new CohortAsOf();
    cohort.referralMade('c1', 'IOM', 'kit', '2024-01-02T10:00:00Z');
    cohort.referralMade('c2', 'IOM', 'kit-again', '2024-01-05T10:00:00Z');
    expect(cohort.result('IOM', '2024-01-31', merged().personOfCase)).toMatchObject({ openCases: 2, people: 1 });
    expect(cohort.result('IOM', '2024-01-31', restored().personOfCase)).toMatchObject({ openCases: 2, people: 2 });
  });

  it('counterfactual cohort: a person eligible on two cases is one pseudonym once confirmed', () => {
    const cohort = new CounterfactualCohort();
    const scores = { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false };
    cohort.referralMade('c1', 'kit', '2024-01-02T10:00:00Z');
    cohort.eligibilityEvaluated('c1', scores, true, '2024-01-02T10:00:00Z');
    cohort.referralMade('c2', 'kit-again', '2024-01-05T10:00:00Z');
    cohort.eligibilityEvaluated('c2', scores, false, '2024-01-05T10:00:00Z');
    const options = {
      from: '2024-01-01',
      to: '2024-01-31',
      alternative: { id: 'london-2021', thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 } },
      pseudonym: (personId: string) => `ps(${personId})`,
    };
    expect(cohort.result(options, merged().personOfCase).months[0]).toMatchObject({
      baseline: 1,
      alternative: 1,
      wouldComeIn: [],
    });
    expect(cohort.result(options, restored().personOfCase).months[0]).toMatchObject({
      baseline: 1,
      alternative: 2,
      wouldComeIn: ['ps(kit-again)'],
    });
  });
});
