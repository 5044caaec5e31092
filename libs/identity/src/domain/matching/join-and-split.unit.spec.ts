import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { MatchingModel } from './model/matching-model';
import type { PersonRecord } from './person-record';
import { aPersonRecord } from './person-record-fixture';
import { PersonMatcher } from './person-matcher';

const { linkThreshold, reviewThreshold } = DEFAULT_MATCHING_MODEL;

const matcherWith = (records: readonly PersonRecord[], model: MatchingModel = DEFAULT_MATCHING_MODEL) => {
  const matcher = new PersonMatcher(model);
  for (const record of records) matcher.add(record, 'P');
  return matcher;
};

/** Match weight of a pair, from a matcher holding only `known`. */
const pairScore = (known: PersonRecord, incoming: PersonRecord): number =>
  matcherWith([known]).match(incoming).candidates[0]?.score ?? -Infinity;

/** John Smith's main record, and his record from a move (one synthetic man). */
const main = aPersonRecord({ recordId: 'main' });
const moved = aPersonRecord({ recordId: 'moved', postcode: 'E8 3CD', address: '4 Mare Street' });

/**
 * Separate join and split thresholds (domain brief: HMPPS links with Splink that way, so that
 * one weak link cannot chain two people together): a record joins a person when its weights with
 * their records reach the link threshold on average, unless one of them falls below the split
 * threshold (the review threshold unless the model sets one).
 */
describe('joining a person with several records', () => {
  /** At his current address with a nickname and a one-digit slip in the birth year. */
  const later = aPersonRecord({
    recordId: 'later',
    forenames: 'Johnny',
    dateOfBirth: '1981-05-12',
    postcode: 'E8 3CD',
    address: '4 Mare Street',
  });

  it('joins when the record is weaker against an old record but not against it', () => {
    expect(pairScore(moved, later)).toBeGreaterThanOrEqual(linkThreshold);
    expect(pairScore(main, later)).toBeGreaterThanOrEqual(reviewThreshold);
    expect(pairScore(main, later)).toBeLessThan(linkThreshold);
    const result = matcherWith([main, moved]).match(later);
    expect(result.decision).toBe('link');
    expect(result.personId).toBe('P');
  });

  it('does not join when one pair falls below the split threshold, however well the others fit', () => {
    const moved2 = { ...moved, recordId: 'moved-2' };
    // Six years younger, at the address the man moved to: not him at his first address.
    const younger = aPersonRecord({
      recordId: 'younger',
      dateOfBirth: '1986-09-12',
      postcode: 'E8 3CD',
      address: '4 Mare Street',
    });
    expect(pairScore(main, younger)).toBeLessThan(reviewThreshold);
    const [fits] = matcherWith([moved, moved2]).match(younger).candidates;
    expect(fits?.score).toBeGreaterThanOrEqual(linkThreshold);
    const result = matcherWith([main, moved, moved2]).match(younger);
    expect(result.candidates[0]?.guards).toEqual([]);
    expect(result.decision).toBe('review');
    expect(result.personId).toBe('P');
  });

  it('does not join through one close record when the others are weak on average', () => {
    // A one-digit slip and a nickname in the first sector: close to the main record only.
    const nearby = aPersonRecord({
      recordId: 'nearby',
      forenames: 'Jon',
      dateOfBirth: '1980-05-13',
      postcode: 'N17 6XY',
      address: undefined,
    });
    expect(pairScore(main, nearby)).toBeGreaterThanOrEqual(linkThreshold);
    expect(pairScore(moved, nearby)).toBeGreaterThanOrEqual(reviewThreshold);
    expect((pairScore(main, nearby) + pairScore(moved, nearby)) / 2).toBeLessThan(linkThreshold);
    expect(matcherWith([main, moved]).match(nearby).decision).toBe('review');
  });

  it('takes the split threshold from the model: at the link threshold every pair must link', () => {
    const strict = { ...DEFAULT_MATCHING_MODEL, splitThreshold: linkThreshold };
    expect(matcherWith([main, moved], strict).match(later).decision).toBe('review');
  });
});

/**
 * A reviewer confirmed that a record written at a hostel, with a short name and an estimated
 * date of birth, is the same man. That record is weak against every later record of his; it
 * must not keep him from being recognised for good.
 */
describe('a person whose file holds a variant a reviewer confirmed', () => {
  const variant = aPersonRecord({
    recordId: 'variant',
    forenames: 'Jon',
    dateOfBirth: '1983-01-01',
    postcode: 'E8 3CD',
    address: 'Hostel, 4 Mare Street',
  });
  const againAsMain = { ...main, recordId: 'again' };

  it('takes an exact copy of his main record automatically, with no guard firing', () => {
    expect(pairScore(variant, againAsMain)).toBeLessThan(reviewThreshold);
    const result = matcherWith([main, variant]).match(againAsMain);
    expect(result.candidates[0]?.guards).toEqual([]);
    expect(result.decision).toBe('link');
    expect(result.personId).toBe('P');
  });

  it('takes a record giving exactly his forenames and birth date elsewhere', () => {
    const elsewhere = { ...againAsMain, postcode: 'M14 5RL', address: '7 Mill Lane' };
    expect(matcherWith([main, variant]).match(elsewhere).decision).toBe('link');
  });

  it('does not take a record of another surname on his forenames, birth date and address', () => {
    const jones = { ...againAsMain, surname: 'Jones' };
    expect(pairScore(main, jones)).toBeGreaterThanOrEqual(linkThreshold);
    expect(matcherWith([main, variant]).match(jones).decision).toBe('review');
  });

  it('still holds back a record that only nicknames his main record', () => {
    const johnny = { ...againAsMain, forenames: 'Johnny' };
    const result = matcherWith([main, variant]).match(johnny);
    expect(result.candidates[0]?.guards).toEqual(['forename-and-birth-differ']);
    expect(result.decision).toBe('review');
  });

  it('still refuses a record whose identifier differs from his', () => {
    const known = { ...main, identifiers: { pnc: '1979/0163001B' } };
    const other = { ...againAsMain, identifiers: { pnc: '2002/0073319Z' } };
    const result = matcherWith([known, variant]).match(other);
    expect(result.candidates[0]?.guards).toEqual(['identifier-conflict']);
    expect(result.decision).toBe('review');
  });
});
