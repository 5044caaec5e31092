import { PersonMatcher } from '../person-matcher';
import { aPersonRecord } from '../person-record-fixture';
import type { PersonAlias, PersonRecord } from '../person-record';
import { prepareRecord } from '../prepared-record';
import { BlockingIndex } from './blocking-index';

/**
 * The candidate budget (review s15-match, finding 5): the block cap bounds one block, not the
 * union of a record's blocks, and every candidate is scored within the referral request. Counts
 * of records, never times, are asserted.
 */
const indexOf = (records: readonly PersonRecord[], candidateBudget?: number): BlockingIndex => {
  const index = new BlockingIndex(undefined, candidateBudget === undefined ? {} : { candidateBudget });
  for (const record of records) index.add(prepareRecord(record));
  return index;
};
const ids = (records: readonly { recordId: string }[]): string[] => records.map((record) => record.recordId).sort();

const query = aPersonRecord({
  recordId: 'incoming',
  forenames: 'John',
  surname: 'Smith',
  dateOfBirth: '1990-01-01',
  postcode: 'E8 3CD',
  address: '4 Mare Street',
});
/** Shares the date of birth (the smallest block) and the name. */
const sameBirthday = aPersonRecord({ ...query, recordId: 'same-birthday', postcode: 'N4 2AA', address: '' });
/** Share only the name, born in other years and living elsewhere. */
const namesakes = Array.from({ length: 5 }, (_, i) =>
  aPersonRecord({
    recordId: `namesake-${i}`,
    forenames: 'John',
    surname: 'Smith',
    dateOfBirth: `197${i}-06-15`,
    postcode: `L${i + 1} 1AA`,
    address: '',
  }),
);

describe('the candidate budget', () => {
  it('takes the smallest blocks first and says how many blocks it left out', () => {
    const index = indexOf([sameBirthday, ...namesakes], 3);
    const lookup = index.lookUp(prepareRecord(query));
    expect(ids(lookup.records)).toEqual(['same-birthday']);
    // The name's sound and its nickname group each key the six John Smiths.
    expect(lookup.blocksLeftOut).toBe(2);
    expect(ids(indexOf([sameBirthday, ...namesakes]).lookUp(prepareRecord(query)).records)).toHaveLength(6);
  });

  it('never leaves out a record with an equal identifier', () => {
    const sameNumber = aPersonRecord({
      recordId: 'same-number',
      forenames: 'Jon',
      surname: 'Smyth',
      dateOfBirth: '1961-11-30',
      postcode: 'M14 5BB',
      address: '',
      identifiers: { nhsNumber: '9434765919' },
    });
    const index = indexOf([sameBirthday, ...namesakes, sameNumber], 1);
    const found = index.candidates(prepareRecord({ ...query, identifiers: { nhsNumber: '943 476 5919' } }));
    expect(ids(found)).toContain('same-number');
  });

  /**
   * Review s15-diff-cohort F1: the aliases' blocks are smaller than the recorded name's, so taken
   * smallest first they used up the budget, and the man recorded under the same name and date of
   * birth was never compared: a referral giving four aliases made a second person.
   */
  describe('when the aliases bring smaller blocks than the recorded name', () => {
    const pad = (value: number): string => String(value).padStart(2, '0');
    const crowd: PersonRecord[] = [];
    for (const forenames of ['Ali', 'Ahmed', 'Imran', 'Tariq']) {
      for (let i = 0; i < 300; i++) {
        crowd.push(
          aPersonRecord({
            recordId: `${forenames}-khan-${i}`,
            forenames,
            surname: 'Khan',
            dateOfBirth: `1990-${pad(2 + (i % 11))}-${pad(1 + (i % 28))}`,
            postcode: `B${1 + (i % 40)} ${1 + (i % 9)}QQ`,
            address: '',
          }),
        );
      }
    }
    for (let i = 0; i < 380; i++) {
      crowd.push(
        aPersonRecord({
          recordId: `mohammed-khan-${i}`,
          forenames: 'Mohammed',
          surname: 'Khan',
          dateOfBirth: `${1960 + (i % 30)}-${pad(1 + (i % 12))}-${pad(2 + (i % 27))}`,
          postcode: `WS${1 + (i % 15)} ${1 + (i % 9)}QQ`,
          address: '',
        }),
      );
    }
    const others = [
      ['Sarah', 'Jones'],
      ['Paul', 'Brown'],
      ['Emma', 'Taylor'],
      ['David', 'Wilson'],
      ['Lisa', 'Evans'],
    ];
    for (let i = 0; i < 350; i++) {
      const [forenames, surname] = others[i % others.length] ?? [];
      crowd.push(
        aPersonRecord({
          recordId: `born-same-day-${i}`,
          forenames,
          surname,
          dateOfBirth: '1990-01-01',
          postcode: `LS${1 + (i % 20)} ${1 + (i % 9)}QQ`,
          address: '',
        }),
      );
    }
    const theMan = aPersonRecord({
      recordId: 'the-man',
      forenames: 'Mohammed',
      surname: 'Khan',
      dateOfBirth: '1990-01-01',
      postcode: 'B12 9ZZ',
      address: '12 Ladypool Road',
    });
    const referral = aPersonRecord({
      recordId: 'incoming',
      forenames: 'Mohammed',
      surname: 'Khan',
      dateOfBirth: '1990-01-01',
      postcode: 'B8 1AA',
      address: '3 Alum Rock Road',
    });
    const aliases: PersonAlias[] = ['Ali', 'Ahmed', 'Imran', 'Tariq'].map((forenames) => ({
      forenames,
      surname: 'Khan',
    }));
    const matcher = new PersonMatcher();
    for (const record of crowd) matcher.add(record, record.recordId);
    matcher.add(theMan, 'the-man');
    const index = indexOf([...crowd, theMan]);

    it('still finds the man recorded under the same name and date of birth', () => {
      expect(matcher.match(referral)).toMatchObject({ decision: 'review', personId: 'the-man' });
      const withAliases = matcher.match({ ...referral, aliases });
      expect(withAliases).toMatchObject({ decision: 'review', personId: 'the-man' });
    });

    it('takes every block the recorded name would take alone, and the aliases only add to them', () => {
      const alone = ids(index.candidates(prepareRecord(referral)));
      const found = new Set(ids(index.candidates(prepareRecord({ ...referral, aliases }))));
      expect(alone.filter((id) => !found.has(id))).toEqual([]);
      expect(found.size).toBeGreaterThan(alone.length);
      expect(found.size).toBeLessThanOrEqual(1500);
    });
  });

  describe('against a crowd of common names born on 1 January', () => {
    const forenames = ['John', 'David', 'Michael', 'James', 'Daniel', 'Paul', 'Mark', 'Peter'];
    const surnames = ['Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans'];
    const crowd: PersonRecord[] = [];
    for (let i = 0; i < 12_000; i++) {
      crowd.push(
        aPersonRecord({
          recordId: `crowd-${i}`,
          forenames: forenames[i % forenames.length] ?? '',
          surname: surnames[Math.floor(i / forenames.length) % surnames.length] ?? '',
          dateOfBirth: `${1950 + (i % 50)}-01-01`,
          postcode: `SE${1 + (i % 28)} ${1 + (i % 9)}ZZ`,
          address: '',
        }),
      );
    }
    const aliases: PersonAlias[] = Array.from({ length: 20 }, (_, i) => ({
      forenames: forenames[i % forenames.length] ?? '',
      surname: surnames[i % surnames.length] ?? '',
    }));
    const matcher = new PersonMatcher();
    for (const record of crowd) matcher.add(record, record.recordId);
    matcher.add(sameBirthday, 'the-person');
    const index = indexOf([...crowd, sameBirthday]);

    it.each([0, 3, 20])('compares at most 1,500 records for a record with %i aliases', (count) => {
      const record = { ...query, aliases: aliases.slice(0, count) };
      expect(index.candidates(prepareRecord(record)).length).toBeLessThanOrEqual(1500);
    });

    it('still compares the record that shares the date of birth, and says the budget cut in', () => {
      const result = matcher.match({ ...query, aliases });
      expect(result.candidates.map((candidate) => candidate.personId)).toContain('the-person');
      expect(result.blocksLeftOut).toBeGreaterThan(0);
    });
  });
});
