import { aPersonRecord } from '../person-record-fixture';
import type { PersonRecord } from '../person-record';
import { prepareRecord } from '../prepared-record';
import { compareRecords } from './compare-records';
import { describeLevels, type MatchLevels } from './comparison-levels';

const levels = (a: Partial<PersonRecord>, b: Partial<PersonRecord>): MatchLevels =>
  describeLevels(compareRecords(prepareRecord(aPersonRecord(a)), prepareRecord(aPersonRecord(b))));

describe('forename levels', () => {
  it.each([
    ['John', 'John', 'exact'],
    ['John Paul', 'John', 'exact'],
    ['Bob', 'Robert', 'nickname'],
    ['Liz', 'Elizabeth', 'nickname'],
    ['Mo', 'Mohammed', 'nickname'],
    ['Muhammad', 'Mohamed', 'nickname'],
    ['Rachel', 'Rachael', 'jaro-winkler-0.95'],
    ['Jaden', 'Jayden', 'jaro-winkler-0.95'],
    ['Kristal', 'Crystal', 'phonetic'],
    ['Dillon', 'Dylan', 'phonetic'],
    ['Jemima', 'Jemina', 'jaro-winkler-0.88'],
    ['Mohammed Imran', 'Imran', 'other-forename'],
    ['Hassan', 'Yusuf', 'else'],
  ])('%p vs %p is %p', (a, b, expected) => {
    expect(levels({ forenames: a }, { forenames: b }).forename).toBe(expected);
  });

  /**
   * One first name followed on both sides by further names that are not one person's: Mohammed,
   * Md, Syed and Abdul usually come first and the person is called by the name after; a hyphenated
   * compound is one name. Such pairs are two people as often as not, so never `exact`/`nickname`.
   */
  it.each([
    ['Mohammed Imran', 'Mohammed Asif', 'else'],
    ['Abdul Karim', 'Abdul Rashid', 'else'],
    ['Md Imran', 'Mohammed Asif', 'else'],
    ['Lily-Mae', 'Lily-Rose', 'else'],
    ['Bob James', 'Robert John', 'else'],
    ['Mohammed Imran', 'Mohammed Imraan', 'jaro-winkler-0.95'],
    ['Alexa-Rose', 'Alexa-Ose', 'jaro-winkler-0.88'],
  ])('%p vs %p, one first name and different further names, is %p', (a, b, expected) => {
    expect([
      levels({ forenames: a }, { forenames: b }).forename,
      levels({ forenames: b }, { forenames: a }).forename,
    ]).toEqual([expected, expected]);
  });

  it.each([
    ['Mohammed Imran', 'Mohammed', 'exact'],
    ['Mohammed Imran', 'Mohammed I', 'exact'],
    ['Mohammed Imran Ali', 'Mohammed Imran', 'exact'],
    ['Anne-Marie', 'Anne Marie Louise', 'exact'],
    ['Lily-Mae', 'Lily', 'exact'],
    ['Bob James', 'Robert James', 'nickname'],
    ['Jack Paul', 'John Paul', 'nickname'],
    ['Jack', 'John', 'nickname'],
    ['Liam', 'William', 'nickname'],
  ])('%p vs %p, further names that do not differ, is still %p', (a, b, expected) => {
    expect(levels({ forenames: a }, { forenames: b }).forename).toBe(expected);
  });

  it('agrees through an alias when the recorded forenames do not', () => {
    expect(levels({ forenames: 'Kaz', aliases: [{ forenames: 'Karen' }] }, { forenames: 'Karen' }).forename).toBe(
      'alias',
    );
    expect(levels({ forenames: 'Kaz' }, { forenames: 'Karen' }).forename).toBe('else');
  });

  it('is missing when either side has no forename', () => {
    expect(levels({ forenames: '' }, { forenames: 'John' }).forename).toBe('missing');
  });
});

describe('surname levels', () => {
  it.each([
    ['Smith', 'SMITH', 'exact'],
    ["O'Brien", 'OBrien', 'exact'],
    ['Johnston', 'Johnson', 'jaro-winkler-0.95'],
    ['Smyth', 'Smith', 'phonetic'],
    ['Thompson', 'Tomson', 'jaro-winkler-0.88'],
    ['Smith-Jones', 'Jones', 'part'],
    ['Smith', 'Okafor', 'else'],
  ])('%p vs %p is %p', (a, b, expected) => {
    expect(levels({ surname: a }, { surname: b }).surname).toBe(expected);
  });

  it('agrees through an alias (a previous surname)', () => {
    expect(levels({ surname: 'Taylor', aliases: [{ surname: 'Okafor' }] }, { surname: 'Okafor' }).surname).toBe(
      'alias',
    );
  });
});

describe('name order', () => {
  it('reads swapped forename and surname crosswise', () => {
    expect(levels({ forenames: 'Ali', surname: 'Hassan' }, { forenames: 'Hassan', surname: 'Ali' })).toMatchObject({
      forename: 'exact',
      surname: 'exact',
      nameOrder: 'swapped',
    });
  });

  it('keeps the recorded order when it reads better', () => {
    expect(levels({ forenames: 'Ali', surname: 'Hassan' }, { forenames: 'Ali', surname: 'Hasan' }).nameOrder).toBe(
      'as-recorded',
    );
  });
});

describe('date of birth levels', () => {
  it.each([
    ['1980-05-12', '1980-05-12', 'exact'],
    ['1980-05-12', '1980-12-05', 'day-month-swapped'],
    ['1980-05-12', '1981-05-12', 'one-digit'],
    ['1980-05-12', '1980-05-19', 'one-digit'],
    ['1980-05-12', '1980-01-01', 'within-a-year'],
    ['1980-05-12', '1985-01-01', 'within-ten-years'],
    ['1980-05-12', '1955-01-01', 'else'],
  ])('%p vs %p is %p', (a, b, expected) => {
    expect(levels({ dateOfBirth: a }, { dateOfBirth: b }).dateOfBirth).toBe(expected);
  });

  it('is missing (no weight) when either side is absent or impossible', () => {
    expect(levels({ dateOfBirth: '1980-02-30' }, {}).dateOfBirth).toBe('missing');
  });
});

describe('residence levels', () => {
  it.each([
    [{ postcode: 'N17 6AB', address: '12 High Road' }, { postcode: 'n176ab', address: '12 HIGH RD' }, 'same-address'],
    [
      { postcode: 'N17 6AB', address: '12 High Road' },
      { postcode: 'N17 6AX', address: '12 High Road' },
      'same-address',
    ],
    [{ postcode: 'N17 6AB', address: '12 High Road' }, { postcode: 'N17 6AB', address: '3 Park Lane' }, 'postcode'],
    [{ postcode: 'N17 6AB', address: '12 High Road' }, { postcode: 'N17 6XY', address: '3 Park Lane' }, 'sector'],
    [{ postcode: 'N17 6AB', address: '12 High Road' }, { postcode: 'N17 9XY', address: '3 Park Lane' }, 'outward'],
    [{ postcode: 'N17 6AB', address: '12 High Road' }, { postcode: 'E8 3CD', address: '12 High Road' }, 'else'],
  ] as const)('%p vs %p is %p', (a, b, expected) => {
    expect(levels(a, b).residence).toBe(expected);
  });

  it('accepts a one-keystroke postcode error when the address agrees (non-UK postcodes too)', () => {
    expect(
      levels({ postcode: '3178', address: '24 Farrer Place' }, { postcode: '3718', address: '24 farrerplace' })
        .residence,
    ).toBe('same-address');
  });

  it.each([
    ['a district alone', { postcode: 'N17', address: '3 Park Lane' }, 'outward'],
    ['a sector alone', { postcode: 'N17 6', address: '3 Park Lane' }, 'sector'],
    ['a district alone, same first line', { postcode: 'N17' }, 'same-address'],
    ['a district alone, another district', { postcode: 'E8' }, 'else'],
  ] as const)('a full postcode against %s agrees only as far as it goes', (_, other, expected) => {
    expect(levels({ postcode: 'N17 6AB', address: '12 High Road' }, other).residence).toBe(expected);
  });

  it('never takes two of the same district alone for one postcode', () => {
    expect(
      levels({ postcode: 'N17', address: '3 Park Lane' }, { postcode: 'N17', address: '8 Mill Road' }).residence,
    ).toBe('outward');
  });

  it.each([
    [
      { postcode: 'NFA', address: undefined },
      { postcode: 'NFA', address: undefined },
    ],
    [
      { postcode: 'ZZ99 3VZ', address: undefined },
      { postcode: 'zz993vz', address: undefined },
    ],
    [
      { postcode: 'UNKNOWN', address: undefined },
      { postcode: 'UNKNOWN', address: undefined },
    ],
    [
      { postcode: undefined, address: 'No fixed abode' },
      { postcode: undefined, address: 'No Fixed Abode' },
    ],
    [
      { postcode: 'NFA', address: 'NFA' },
      { postcode: 'N/A', address: 'No fixed abode' },
    ],
  ])('%j vs %j is missing: placeholders are no home', (a, b) => {
    expect(levels(a, b).residence).toBe('missing');
  });

  it('does not take the same first line for the same address when a record gives no postcode to place it', () => {
    const leeds = { postcode: 'LS1 4AB', address: '1 High Street' };
    expect(levels(leeds, { postcode: undefined, address: '1 High St' }).residence).toBe('missing');
    expect(
      levels({ postcode: undefined, address: '1 High Street' }, { postcode: undefined, address: '1 High St' })
        .residence,
    ).toBe('missing');
    expect(levels(leeds, { postcode: undefined, address: '9 Mill Lane' }).residence).toBe('else');
  });

  it('is missing when neither postcodes nor addresses can be compared', () => {
    const { postcode: _postcode, address: _address, ...rest } = aPersonRecord();
    expect(describeLevels(compareRecords(prepareRecord(rest), prepareRecord(aPersonRecord()))).residence).toBe(
      'missing',
    );
  });
});

describe('sex levels', () => {
  it('matches, mismatches, and ignores unknown or other', () => {
    expect(levels({ sex: 'female' }, { sex: 'female' }).sex).toBe('match');
    expect(levels({ sex: 'female' }, { sex: 'male' }).sex).toBe('mismatch');
    expect(levels({ sex: 'unknown' }, { sex: 'male' }).sex).toBe('missing');
    expect(levels({ sex: 'other' }, { sex: 'male' }).sex).toBe('missing');
  });
});

describe('identifier levels', () => {
  it('agrees on an equal canonical identifier, in any written form', () => {
    expect(levels({ identifiers: { pnc: '1979/0163001B' } }, { identifiers: { pnc: '79/163001b' } }).identifiers).toBe(
      'agree',
    );
  });

  it('conflicts on different valid values of the same kind, even when another kind agrees', () => {
    expect(
      levels(
        { identifiers: { pnc: '1979/0163001B', nhsNumber: '9434765919' } },
        { identifiers: { pnc: '2002/0073319Z', nhsNumber: '943 476 5919' } },
      ).identifiers,
    ).toBe('conflict');
  });

  it('ignores invalid values and kinds present on one side only', () => {
    expect(
      levels({ identifiers: { pnc: '2001/0171310S' } }, { identifiers: { pnc: '1979/0163001B' } }).identifiers,
    ).toBe('missing');
    expect(levels({ identifiers: { crn: 'X482106' } }, { identifiers: { noms: 'G4821BC' } }).identifiers).toBe(
      'missing',
    );
  });
});
