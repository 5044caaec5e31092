import { aPersonRecord } from '../person-record-fixture';
import type { PersonAlias, PersonRecord } from '../person-record';
import { prepareRecord } from '../prepared-record';
import { BlockingIndex } from './blocking-index';
import { DEFAULT_BLOCKING_RULES, MAX_NAMES_KEYED, NAME_SOUNDS_ANY_ORDER, blockingKeys } from './blocking-rules';

/**
 * Aliases in blocking (review s15-match, finding 5): each alias is keyed as the name it is. Keying
 * every forename with every surname made a record with 20 aliases meet tens of thousands of others.
 */
const candidateIds = (index: BlockingIndex, record: PersonRecord): string[] =>
  index.candidates(prepareRecord(record)).map((candidate) => candidate.recordId);

/** Shares no date of birth, postcode or address with the known records: only names can bring them up. */
const elsewhere = (forenames: string, surname: string): PersonRecord =>
  aPersonRecord({ forenames, surname, dateOfBirth: '1971-08-23', postcode: 'L8 1AA', address: '9 Lark Lane' });

describe('aliases in blocking', () => {
  const index = new BlockingIndex();
  index.add(
    prepareRecord(
      aPersonRecord({
        recordId: 'known',
        forenames: 'Mohammed',
        surname: 'Khan',
        dateOfBirth: '1990-01-01',
        postcode: 'B11 1AA',
        address: '1 Stratford Road',
        aliases: [{ forenames: 'John', surname: 'Smith' }],
      }),
    ),
  );
  index.add(
    prepareRecord(
      aPersonRecord({
        recordId: 'tiny',
        forenames: 'Robert',
        surname: 'Okafor',
        dateOfBirth: '1992-03-07',
        postcode: 'E8 3CD',
        address: '4 Mare Street',
        aliases: [{ forenames: 'Tiny' }, { surname: 'Adeyemi' }],
      }),
    ),
  );

  it('finds a record under its own name and under each alias as written', () => {
    expect(candidateIds(index, elsewhere('Mohammed', 'Khan'))).toEqual(['known']);
    expect(candidateIds(index, elsewhere('John', 'Smith'))).toEqual(['known']);
  });

  it("does not pair an alias's forenames with another name's surname", () => {
    expect(candidateIds(index, elsewhere('Mohammed', 'Smith'))).toEqual([]);
    expect(candidateIds(index, elsewhere('John', 'Khan'))).toEqual([]);
  });

  it('pairs a forenames-only alias with the recorded surname, a surname-only alias with the recorded forenames', () => {
    expect(candidateIds(index, elsewhere('Tiny', 'Okafor'))).toEqual(['tiny']);
    expect(candidateIds(index, elsewhere('Robert', 'Adeyemi'))).toEqual(['tiny']);
    expect(candidateIds(index, elsewhere('Tiny', 'Adeyemi'))).toEqual([]);
  });

  it('gives a record with twenty aliases name keys for a few names, not for every pairing of them', () => {
    const forenames = ['Imran', 'Asif', 'Tariq', 'Bilal', 'Zain', 'Omar', 'Yusuf', 'Hamza', 'Adam', 'Idris'];
    const surnames = ['Ali', 'Hussain', 'Ahmed', 'Shah', 'Iqbal', 'Malik', 'Akhtar', 'Rahman', 'Butt', 'Mirza'];
    const aliases: PersonAlias[] = Array.from({ length: 20 }, (_, i) => ({
      forenames: forenames[i % 10] ?? '',
      surname: surnames[(i * 3) % 10] ?? '',
    }));
    const record = prepareRecord(aPersonRecord({ forenames: 'Mohammed', surname: 'Khan', aliases }));
    // A forename brings its sound and at most two nickname groups.
    expect(NAME_SOUNDS_ANY_ORDER.keys(record).length).toBeLessThanOrEqual(3 * MAX_NAMES_KEYED);
    expect(blockingKeys(record, DEFAULT_BLOCKING_RULES).length).toBeLessThanOrEqual(4 * MAX_NAMES_KEYED + 5);
  });
});
