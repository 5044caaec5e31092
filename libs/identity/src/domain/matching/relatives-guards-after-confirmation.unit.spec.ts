import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { PersonRecord } from './person-record';
import { aPersonRecord } from './person-record-fixture';
import { PersonMatcher } from './person-matcher';

const matcherWith = (records: readonly PersonRecord[]) => {
  const matcher = new PersonMatcher(DEFAULT_MATCHING_MODEL);
  for (const record of records) matcher.add(record, 'P');
  return matcher;
};

const home = { postcode: 'N17 6AB', address: '12 High Road' };
const father = aPersonRecord({ recordId: 'father', dateOfBirth: '1967-05-12', ...home });
/** The father again, his birth year mistyped; a reviewer rightly confirmed it is his. */
const fatherSlip = aPersonRecord({ recordId: 'father-slip', dateOfBirth: '1997-05-12', ...home });
/** His son: same name and home, born 1997. */
const son = aPersonRecord({ recordId: 'son', dateOfBirth: '1997-05-12', ...home });

/**
 * A record agreeing exactly with one of a person's records decides the link over the person's
 * weaker records, but not over a relatives' pattern: when the person's file itself spans two
 * generations under one name, one exact record does not say which of them a newcomer is.
 */
describe('relatives guards in a file holding a confirmed slip', () => {
  it('puts the same-name son to a reviewer, not into his father file', () => {
    const result = matcherWith([father, fatherSlip]).match(son);
    expect(result.candidates[0]?.guards).toEqual(['different-generation']);
    expect(result.decision).toBe('review');
  });

  it('puts a twin to a reviewer when the file holds a record of the person on the twin forenames', () => {
    // Jack's file: his record at home, and one of his written as "John" at a friend's address.
    const jack = aPersonRecord({ recordId: 'jack', forenames: 'Jack', dateOfBirth: '2001-05-05', ...home });
    const jackAsJohn = aPersonRecord({
      recordId: 'jack-as-john',
      forenames: 'John',
      dateOfBirth: '2001-05-05',
      postcode: 'M14 5RL',
      address: '7 Mill Lane',
    });
    // His twin John, at home: exactly the "John" record's forenames and birth date.
    const john = { ...jackAsJohn, recordId: 'john', ...home };
    const result = matcherWith([jack, jackAsJohn]).match(john);
    expect(result.candidates[0]?.guards).toEqual(['twins']);
    expect(result.decision).toBe('review');
  });
});

/**
 * Parents and children share names and, more often than not, no address is on the referral:
 * nothing saying they live apart is enough for the different-generation guard, as for twins.
 */
describe('different-generation guard without a shared home', () => {
  it.each<[string, Partial<PersonRecord>]>([
    ['no address or postcode', { postcode: undefined, address: undefined }],
    ['only a postcode one unit out', { postcode: 'N17 6AD', address: undefined }],
  ])('puts a same-name son with %s to a reviewer', (_, where) => {
    const result = matcherWith([father]).match({ ...son, ...where });
    expect(result.candidates[0]?.guards).toEqual(['different-generation']);
    expect(result.decision).toBe('review');
  });

  it('does not fire when the two live at different addresses', () => {
    const result = matcherWith([father]).match({ ...son, postcode: 'M14 5RL', address: '7 Mill Lane' });
    expect(result.candidates[0]?.guards ?? []).toEqual([]);
  });
});
