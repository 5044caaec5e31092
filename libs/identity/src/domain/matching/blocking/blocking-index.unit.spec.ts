import { aPersonRecord } from '../person-record-fixture';
import type { PersonRecord } from '../person-record';
import { prepareRecord } from '../prepared-record';
import { BlockingIndex } from './blocking-index';

const indexOf = (...records: PersonRecord[]): BlockingIndex => {
  const index = new BlockingIndex();
  for (const record of records) index.add(prepareRecord(record));
  return index;
};
const candidateIds = (index: BlockingIndex, record: PersonRecord): string[] =>
  index.candidates(prepareRecord(record)).map((candidate) => candidate.recordId);

const known = aPersonRecord({
  recordId: 'known',
  forenames: 'Robert',
  surname: 'Okafor',
  dateOfBirth: '1990-03-07',
  postcode: 'E8 3CD',
  address: '4 Mare Street',
  identifiers: { nhsNumber: '9434765919' },
});
const strangers = [
  aPersonRecord({
    recordId: 'other-1',
    forenames: 'Fatima',
    surname: 'Begum',
    dateOfBirth: '1975-11-30',
    postcode: 'B11 1AA',
    address: '1 Stratford Road',
    sex: 'female',
  }),
  aPersonRecord({
    recordId: 'other-2',
    forenames: 'Piotr',
    surname: 'Nowak',
    dateOfBirth: '1968-01-21',
    postcode: 'M14 5BB',
    address: '9 Wilmslow Road',
  }),
];

describe('BlockingIndex', () => {
  const index = indexOf(known, ...strangers);

  it.each([
    ['a nickname and a house move', { forenames: 'Bob', postcode: 'N17 6AB', address: '1 High Road' }],
    ['swapped names and no date of birth', { forenames: 'Okafor', surname: 'Robert', dateOfBirth: '' }],
    ['day and month swapped and a surname typo', { surname: 'Okafr', dateOfBirth: '1990-07-03' }],
    ['a new surname and a moved address', { surname: 'Smith', postcode: 'SE15 1AA', address: '2 Rye Lane' }],
    [
      'only the NHS number in common',
      {
        forenames: 'X',
        surname: 'Y',
        dateOfBirth: '2001-01-01',
        postcode: 'L8 1AA',
        address: '',
        identifiers: { nhsNumber: '943 476 5919' },
      },
    ],
    [
      'a wrong date of birth and misspelt names at the same address',
      { forenames: 'Robret', surname: 'Okafro', dateOfBirth: '1999-09-09' },
    ],
    [
      'a new surname, another date of birth and no sex recorded, at the same postcode',
      { surname: 'Adeyemi', dateOfBirth: '1991-03-17', sex: 'unknown' as const, address: '', identifiers: {} },
    ],
    [
      'another forename, no date of birth and no sex recorded, at the same postcode',
      {
        forenames: 'Chidi',
        dateOfBirth: '',
        sex: 'other' as const,
        address: 'Flat 3, 22 Dalston Lane',
        identifiers: {},
      },
    ],
  ])('returns the true match despite %s', (_, change) => {
    expect(candidateIds(index, { ...known, recordId: 'incoming', ...change })).toContain('known');
  });

  it('returns a small set that leaves unrelated people out', () => {
    const found = candidateIds(index, { ...known, recordId: 'incoming', forenames: 'Bob' });
    expect(found).toEqual(['known']);
  });

  it('never returns the record itself, and forgets removed records', () => {
    const local = indexOf(known);
    expect(candidateIds(local, known)).toEqual([]);
    expect(local.remove('known')).toBe(true);
    expect(local.remove('known')).toBe(false);
    expect(candidateIds(local, { ...known, recordId: 'incoming' })).toEqual([]);
    expect(local.size).toBe(0);
    expect(local.blockSizes()).toEqual([]);
  });

  it('replaces a record added again under the same id', () => {
    const local = indexOf(known, { ...known, surname: 'Adeyemi', identifiers: {} });
    expect(local.size).toBe(1);
    expect(candidateIds(local, { ...known, recordId: 'incoming', dateOfBirth: '', postcode: '', address: '' })).toEqual(
      [],
    );
  });

  it('skips blocks above the size cap', () => {
    const crowd = Array.from({ length: 5 }, (_, i) => ({ ...known, recordId: `same-${i}`, identifiers: {} }));
    const capped = new BlockingIndex(undefined, { maxBlockSize: 3 });
    for (const record of crowd) capped.add(prepareRecord(record));
    expect(capped.candidates(prepareRecord({ ...known, recordId: 'incoming' }))).toEqual([]);
  });
});
