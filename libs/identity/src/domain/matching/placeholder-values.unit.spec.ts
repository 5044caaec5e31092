import { conflictingIdentifierKinds } from '../person-links/identifier-conflict';
import type { PersonRecord } from './person-record';
import { PersonMatcher } from './person-matcher';

let sequence = 0;

/** Two different men who share a common name: born three years apart, no identifiers. */
const danielWright = (dateOfBirth: string, extra: Partial<PersonRecord>): PersonRecord => ({
  recordId: `dw-${++sequence}`,
  forenames: 'Daniel',
  surname: 'Wright',
  dateOfBirth,
  sex: 'male',
  identifiers: {},
  ...extra,
});

const matchAgainst = (known: PersonRecord, incoming: PersonRecord) => {
  const matcher = new PersonMatcher();
  matcher.add(known, 'P-known');
  return matcher.match(incoming);
};

/**
 * What referrers type when a value is not known (a postcode "NFA", an address "No fixed abode",
 * an NHS number 0000000000) names nobody: it must never make two people one, nor keep one
 * person apart. Records already held with such values are matched as if the value were absent.
 */
describe('placeholder values', () => {
  it.each([
    ['A1 both postcode NFA', { postcode: 'NFA' }, { postcode: 'NFA' }],
    ['A2 the NFA pseudo-postcode ZZ99 3VZ, written two ways', { postcode: 'ZZ99 3VZ' }, { postcode: 'zz993vz' }],
    ['A3 address "No fixed abode", no postcode', { address: 'No fixed abode' }, { address: 'No Fixed Abode' }],
    ['A4 both postcode UNKNOWN', { postcode: 'UNKNOWN' }, { postcode: 'UNKNOWN' }],
    [
      'A5 "1 High Street" in Leeds and "1 High St" with no postcode',
      { postcode: 'LS1 4AB', address: '1 High Street' },
      { address: '1 High St' },
    ],
    ['A6 the same BFPO number', { postcode: 'BFPO 801' }, { postcode: 'BFPO 801' }],
    ['both only the district N17', { postcode: 'N17' }, { postcode: 'N17' }],
  ])('%s: two Daniel Wrights born three years apart are not linked', (_, first, second) => {
    const result = matchAgainst(danielWright('1985-04-02', first), danielWright('1988-09-17', second));
    expect(result.decision).not.toBe('link');
    expect(result.candidates[0]?.levels.residence).not.toMatch(/^(same-address|postcode)$/);
  });

  it('A1 control: the same man with postcode NFA both times still links on name and date of birth', () => {
    const result = matchAgainst(
      danielWright('1985-04-02', { postcode: 'NFA' }),
      danielWright('1985-04-02', { postcode: 'NFA' }),
    );
    expect(result.decision).toBe('link');
    expect(result.candidates[0]?.levels.residence).toBe('missing');
  });

  const twin = (recordId: string, forenames: string, nhsNumber: string): PersonRecord => ({
    recordId,
    forenames,
    surname: 'Ali',
    dateOfBirth: '2001-03-14',
    sex: 'male',
    postcode: 'E1 2AB',
    address: '4 Fieldgate Street',
    identifiers: { nhsNumber },
  });

  it('C1 twins both recorded with NHS number 0000000000 are held for review by the twins guard', () => {
    const result = matchAgainst(twin('hassan', 'Hassan', '0000000000'), twin('hussain', 'Hussain', '000 000 0000'));
    expect(result.decision).not.toBe('link');
    expect(result.candidates[0]).toMatchObject({ identifierAgreement: false, guards: ['twins'] });
    expect(result.candidates[0]?.levels.identifiers).toBe('missing');
  });

  it('C3 one woman recorded with her NHS number, then with 0000000000, is linked: no identifier conflict', () => {
    const leanne = (recordId: string, nhsNumber: string): PersonRecord => ({
      recordId,
      forenames: 'Leanne',
      surname: 'Price',
      dateOfBirth: '1991-11-23',
      sex: 'female',
      postcode: 'CF10 1AB',
      address: '18 Bute Street',
      identifiers: { nhsNumber },
    });
    const result = matchAgainst(leanne('first', '9434765919'), leanne('second', '0000000000'));
    expect(result.decision).toBe('link');
    expect(result.candidates[0]?.guards).toEqual([]);
  });

  it('C3 a reviewer may merge them: a placeholder is no conflicting identifier', () => {
    expect(conflictingIdentifierKinds([{ nhs: '9434765919' }], [{ nhs: '0000000000' }])).toEqual([]);
    expect(conflictingIdentifierKinds([{ pnc: '1979/0163001B' }], [{ pnc: '00/0000000Z' }])).toEqual([]);
    expect(conflictingIdentifierKinds([{ cro: '000000/00Z' }], [{ cro: `000123/95C` }])).toEqual([]);
  });

  const brother = (
    recordId: string,
    forenames: string,
    dateOfBirth: string,
    identifiers: PersonRecord['identifiers'],
  ): PersonRecord => ({
    recordId,
    forenames,
    surname: 'Asamoah',
    dateOfBirth,
    sex: 'male',
    postcode: 'N15 6DD',
    address: '5 Ward Road',
    identifiers,
  });

  it.each([
    ['CRN X000000', { crn: 'X000000' }],
    ['CRN X123456, the format example', { crn: 'X123456' }],
    ['NOMS A9999ZZ', { noms: 'A9999ZZ' }],
    ['NOMS A1234BC, the format example', { noms: 'A1234BC' }],
  ])('brothers at one address both held with %s are not linked: the relatives guard still holds', (_, ids) => {
    const result = matchAgainst(
      brother('kwame', 'Kwame', '1990-01-01', ids),
      brother('kofi', 'Kofi', '1993-05-05', ids),
    );
    expect(result.decision).not.toBe('link');
    expect(result.candidates[0]).toMatchObject({ identifierAgreement: false, guards: ['forename-and-birth-differ'] });
    expect(result.candidates[0]?.levels.identifiers).toBe('missing');
  });

  it('a man held with his NOMS number and again with A0000AA is linked, and a reviewer may merge them', () => {
    const result = matchAgainst(
      brother('known', 'Kwame', '1990-01-01', { noms: 'G4821BC' }),
      brother('again', 'Kwame', '1990-01-01', { noms: 'A0000AA' }),
    );
    expect(result.decision).toBe('link');
    expect(result.candidates[0]?.guards).toEqual([]);
    expect(conflictingIdentifierKinds([{ noms: 'G4821BC' }], [{ noms: 'A0000AA' }])).toEqual([]);
    expect(conflictingIdentifierKinds([{ crn: 'X482106' }], [{ crn: 'X999999' }])).toEqual([]);
  });
});
