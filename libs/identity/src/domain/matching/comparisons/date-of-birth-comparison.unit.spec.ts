import { PersonMatcher } from '../person-matcher';
import { aPersonRecord } from '../person-record-fixture';
import { prepareRecord } from '../prepared-record';
import { compareRecords } from './compare-records';
import { describeLevels } from './comparison-levels';

/**
 * "Within a year" and "within ten years" are calendar years (review s15-match, finding 7): a leap
 * day between two dates must not decide whether they are a year apart.
 */
const dateLevel = (a: string, b: string): string =>
  describeLevels(
    compareRecords(prepareRecord(aPersonRecord({ dateOfBirth: a })), prepareRecord(aPersonRecord({ dateOfBirth: b }))),
  ).dateOfBirth;

describe('date of birth a year or ten years apart', () => {
  it.each([
    ['1999-06-01', '2000-06-01', 'within-a-year'],
    ['2000-06-01', '1999-06-01', 'within-a-year'],
    ['1989-06-01', '1990-06-01', 'within-a-year'],
    ['1990-12-31', '1991-01-01', 'within-a-year'],
    ['1999-06-01', '2000-06-02', 'within-ten-years'],
    ['1998-06-01', '1999-06-02', 'within-ten-years'],
    ['2000-02-29', '2001-02-28', 'within-a-year'],
    ['2000-02-29', '2001-03-01', 'within-ten-years'],
    ['1997-06-01', '2007-06-01', 'within-ten-years'],
    ['1997-06-01', '2007-06-02', 'else'],
  ])('%s and %s are %s', (a, b, expected) => {
    expect(dateLevel(a, b)).toBe(expected);
  });
});

describe('a leap day between two births a year apart', () => {
  /** Bob Hughes referred again as Robert, at the same address, born a year later than first given. */
  const decision = (first: string, again: string) => {
    const matcher = new PersonMatcher();
    matcher.add(aPersonRecord({ recordId: 'first', forenames: 'Bob', surname: 'Hughes', dateOfBirth: first }), 'P');
    const result = matcher.match(
      aPersonRecord({ recordId: 'again', forenames: 'Robert', surname: 'Hughes', dateOfBirth: again }),
    );
    return { decision: result.decision, guards: result.candidates[0]?.guards };
  };

  it('decides as it does without one', () => {
    expect(decision('1999-06-01', '2000-06-01')).toEqual(decision('1989-06-01', '1990-06-01'));
  });
});
