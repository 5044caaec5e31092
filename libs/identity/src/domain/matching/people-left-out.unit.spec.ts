import { aPersonRecord } from './person-record-fixture';
import { PersonMatcher } from './person-matcher';
import { withoutPeople } from './people-left-out';

/**
 * A record known not to be some people (the perpetrator a MARAC form names is not its victim) is
 * decided on everyone else, exactly as the matcher decides.
 */
describe('a match with some people left out', () => {
  const matcher = new PersonMatcher();
  matcher.add(aPersonRecord({ recordId: 'her', dateOfBirth: '1990-04-12' }), 'V');
  matcher.add(aPersonRecord({ recordId: 'his', dateOfBirth: '1987-09-30' }), 'P');
  const namedAgain = aPersonRecord({ recordId: 'named', dateOfBirth: '1987-09-30' });

  it('joins the strongest of the rest: his own record, not hers', () => {
    const result = matcher.match(namedAgain);
    expect(result.candidates.map((candidate) => [candidate.personId, candidate.outcome])).toEqual([
      ['P', 'link'],
      ['V', 'link'],
    ]);
    const apart = withoutPeople(result, new Set(['V']));
    expect(apart).toMatchObject({ decision: 'link', personId: 'P' });
    expect(apart.candidates.map((candidate) => candidate.personId)).toEqual(['P']);
  });

  it('joins someone the matcher ranked second when the strongest is left out', () => {
    const apart = withoutPeople(matcher.match(namedAgain), new Set(['P']));
    expect(apart).toMatchObject({ decision: 'link', personId: 'V' });
  });

  it('is someone new, proposed against nobody, when only the people left out resemble the record', () => {
    const apart = withoutPeople(matcher.match(namedAgain), new Set(['V', 'P']));
    expect(apart).toEqual({ decision: 'new', candidates: [] });
  });

  it('is the matcher result itself when none of the people left out is a candidate', () => {
    const result = matcher.match(namedAgain);
    expect(withoutPeople(result, new Set(['nobody']))).toBe(result);
  });
});
