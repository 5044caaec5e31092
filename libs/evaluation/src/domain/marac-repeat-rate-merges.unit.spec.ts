import { MaracRepeatRateReport, type MaracReferralFact } from './marac-repeat-rate-report';
import { PeopleNow } from './people-now';
import { PersonProfiles } from './person-profiles';
import { confirmedMatch, rejectedMatch, restoringSplit } from './testing/identity-decisions';

/**
 * The repeat rate judged on victims as the log now knows them: one victim recorded as two people
 * ('ann' and 'ann-again') until a reviewer confirms they are one. Synthetic ids only.
 */
const YEAR = { from: '2022-01-01', to: '2022-12-31', population: 10_000 };

const referral = (caseId: string, personId: string, referredAt: string): MaracReferralFact => ({
  caseId,
  personId,
  referredAt,
  incidentAt: referredAt,
  sourceAgency: 'Metropolitan Police',
  repeatFlagged: false,
});

function reportOf(facts: MaracReferralFact[], decide: (people: PeopleNow) => void = () => undefined) {
  const report = new MaracRepeatRateReport();
  const people = new PeopleNow();
  const profiles = new PersonProfiles();
  for (const fact of facts) {
    report.recordReferral(fact);
    people.caseReferred(fact.caseId, fact.personId);
    profiles.registered(fact.personId, { sex: 'female' });
  }
  decide(people);
  return report.result(YEAR, profiles, people.personOfCase);
}

/** Ann referred in February, then in May under a second record: 3 months apart. */
const ANN_TWICE = [referral('c1', 'ann', '2022-02-01T10:00:00Z'), referral('c2', 'ann-again', '2022-05-01T10:00:00Z')];

describe('MARAC repeat rate on people as now known', () => {
  it('judges two records apart while nobody has confirmed they are one victim', () => {
    expect(reportOf(ANN_TWICE)).toMatchObject({ referrals: 2, repeats: 0, repeatsRecognisedByMerge: 0 });
  });

  it('recognises the repeat once a reviewer confirms the two are one, without counting any referral twice', () => {
    const result = reportOf(ANN_TWICE, (people) => people.matchDecided(confirmedMatch('p1', 'ann', 'ann-again')));
    expect(result).toMatchObject({ referrals: 2, repeats: 1, rate: 0.5, repeatsRecognisedByMerge: 1 });
    expect(result.months[4]).toEqual({ month: '2022-05', referrals: 1, repeats: 1, rate: 1 });
    expect(result.equality.sex).toEqual({ female: 2 });
    expect(result.perPopulation?.casesPer10000AdultWomen).toBe(2);
  });

  it('separates them again after a split restores the merged person', () => {
    const result = reportOf(ANN_TWICE, (people) => {
      people.matchDecided(confirmedMatch('p1', 'ann', 'ann-again'));
      people.split(restoringSplit('ann', 'ann-again'));
    });
    expect(result).toMatchObject({ referrals: 2, repeats: 0, repeatsRecognisedByMerge: 0 });
  });

  it('merges nobody on a confirmation recorded after a standing rejection of the pair', () => {
    const result = reportOf(ANN_TWICE, (people) => {
      people.matchDecided(rejectedMatch('p1', ['ann', 'ann-again']));
      people.matchDecided(confirmedMatch('p2', 'ann-again', 'ann'));
    });
    expect(result).toMatchObject({ repeats: 0, repeatsRecognisedByMerge: 0 });
  });

  it('counts as recognised by the merge only the repeats the recorded ids missed', () => {
    const result = reportOf(
      [...ANN_TWICE, referral('c3', 'ann', '2022-08-01T10:00:00Z')], // a repeat of c1 on her own id
      (people) => people.matchDecided(confirmedMatch('p1', 'ann', 'ann-again')),
    );
    expect(result).toMatchObject({ referrals: 3, repeats: 2, repeatsRecognisedByMerge: 1 });
  });

  it('judges a case a split moved to another person with that person’s referrals', () => {
    const result = reportOf(
      [referral('c1', 'ann', '2022-02-01T10:00:00Z'), referral('c2', 'ann', '2022-05-01T10:00:00Z')],
      (people) => people.split({ ...restoringSplit('ann', 'bea'), restored: false, caseIds: ['c2'] }),
    );
    expect(result).toMatchObject({ referrals: 2, repeats: 0, repeatsRecognisedByMerge: 0 });
  });

  it('counts a repeat a split made, by moving a case to the person it restores, as recognised by identity decisions', () => {
    const result = reportOf(ANN_TWICE, (people) => {
      people.matchDecided(confirmedMatch('p1', 'ann', 'ann-again'));
      // The February referral was about the restored person too: both cases are now hers alone.
      people.split({ ...restoringSplit('ann', 'ann-again'), caseIds: ['c1'] });
    });
    expect(result).toMatchObject({ referrals: 2, repeats: 1, repeatsRecognisedByMerge: 1 });
  });
});
