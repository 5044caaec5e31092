import { IomCohortReport } from './iom-cohort-report';
import { PeopleNow } from './people-now';
import { PersonProfiles } from './person-profiles';
import { confirmedMatch, movingSplit } from './testing/identity-decisions';

/**
 * IOM demographics describe people as the log now knows them, from everything it holds about them
 * under any id: an identity decision must not turn a recorded sex, ethnicity or age into "not
 * recorded". Synthetic ids only.
 */
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

function adopted(report: IomCohortReport, people: PeopleNow, caseId: string, personId: string): void {
  report.referralMade(caseId, personId, '2024-01-02T10:00:00Z');
  report.eligibilityEvaluated(caseId, true, '2024-01-02T10:00:00Z');
  report.adopted(caseId, '2024-01-03T10:00:00Z', null);
  people.caseReferred(caseId, personId);
}

describe('IOM demographics of people as now known', () => {
  it('a case a split moved to a new person keeps the details its referral recorded', () => {
    const report = new IomCohortReport();
    const people = new PeopleNow();
    const profiles = new PersonProfiles();
    profiles.registered('kit', { sex: 'male', ethnicity: 'white-british', dateOfBirth: '1990-01-01' });
    adopted(report, people, 'c1', 'kit');
    adopted(report, people, 'c2', 'kit');
    // The split registers nobody under 'kit-moved': only the referral's person holds details.
    people.split(movingSplit('kit', 'kit-moved', { caseIds: ['c2'] }));

    expect(report.result(JANUARY, profiles, people).demographics).toEqual({
      people: 2,
      sex: { male: 2 },
      ethnicity: { white: 2 },
      ageBands: { 'under-18': 0, '18-24': 0, '25-34': 2, '35-49': 0, '50+': 0, 'not recorded': 0 },
    });
  });

  it('a merge keeps an ethnicity only the merged-away record gave, the survivor winning where both did', () => {
    const report = new IomCohortReport();
    const people = new PeopleNow();
    const profiles = new PersonProfiles();
    profiles.registered('kit', { sex: 'male', dateOfBirth: '1990-01-01' });
    profiles.registered('kit-again', { sex: 'female', ethnicity: 'mixed-white-asian', dateOfBirth: '1970-01-01' });
    adopted(report, people, 'c1', 'kit');
    adopted(report, people, 'c2', 'kit-again');
    people.matchDecided(confirmedMatch('p1', 'kit', 'kit-again'));

    expect(report.result(JANUARY, profiles, people).demographics).toEqual({
      people: 1,
      sex: { male: 1 },
      ethnicity: { mixed: 1 },
      ageBands: { 'under-18': 0, '18-24': 0, '25-34': 1, '35-49': 0, '50+': 0, 'not recorded': 0 },
    });
  });
});
