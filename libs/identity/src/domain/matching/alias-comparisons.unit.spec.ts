import { aPersonRecord } from './person-record-fixture';
import type { PersonAlias } from './person-record';
import { PersonMatcher } from './person-matcher';
import { jaroWinkler } from './text/jaro-winkler';

// Counts the spelling comparisons a match runs (the costliest step of comparing names).
jest.mock('./text/jaro-winkler', () => {
  const actual = jest.requireActual<typeof import('./text/jaro-winkler')>('./text/jaro-winkler');
  return { ...actual, jaroWinkler: jest.fn(actual.jaroWinkler) };
});
const spellingComparisons = jest.mocked(jaroWinkler);

/**
 * A referral is scored within its request, and a common name with aliases meets hundreds of
 * records that share a few names (issue 4: p99 under 10 ms against 200,000 people). Each alias was
 * compared afresh with every record found, so 20 aliases made each record compared cost twenty
 * times the name work; the names a referral meets are now compared once each per match.
 * Counted, not timed: the benchmark (`BENCH_ONLY=matching npm run bench:projections`) times it.
 */
describe('comparing the names of a referral with many aliases', () => {
  const forenames = ['Imran', 'Tariq', 'Bilal', 'Asif'];
  const matcher = new PersonMatcher();
  for (let i = 0; i < 400; i++) {
    const record = aPersonRecord({
      recordId: `khan-${i}`,
      forenames: forenames[i % forenames.length] ?? 'Imran',
      surname: 'Khan',
      dateOfBirth: '1990-01-01',
      postcode: undefined,
      address: undefined,
    });
    matcher.add(record, `person-${i}`);
  }
  const aliases: PersonAlias[] = Array.from({ length: 20 }, (_, i) => ({
    forenames: `Alias${String.fromCharCode(65 + i)}`,
    surname: `Surname${String.fromCharCode(65 + i)}`,
  }));
  const referral = aPersonRecord({
    recordId: 'referral',
    forenames: 'Mohammed',
    surname: 'Khan',
    dateOfBirth: '1990-01-01',
    postcode: undefined,
    address: undefined,
    aliases,
  });

  it('compares each name it meets once, not once for every record that gives it', () => {
    expect(matcher.reach(referral).compared).toBe(400);
    spellingComparisons.mockClear();
    const result = matcher.match(referral);
    expect(result.candidates).toHaveLength(10);
    // Four forenames and one surname, each against the referral's 21 names: 69 comparisons. Afresh
    // for every record compared it was 9,200.
    expect(spellingComparisons.mock.calls.length).toBeLessThan(400);
  });
});
