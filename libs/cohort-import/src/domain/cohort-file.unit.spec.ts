import { Rejection } from '../../../command-handling/src/rejections';
import { mapHeader } from './cohort-columns';
import { checkFile, requireHeader } from './cohort-file';
import {
  parsePercentage,
  parseStatus,
  parseUkDate,
  parseYesNo,
  ROW_PROBLEM_REASONS,
  type RowCheck,
} from './cohort-row';

const HEADER = [
  'CRN',
  'PNC',
  'Forenames',
  'Surname',
  'DOB',
  'Postcode',
  'OGRS',
  'OVP',
  'Robbery/burglary',
  'Index offence',
  'Sentence',
  'Status',
];
const GOOD = [
  'A123456',
  '1979/0163001B',
  'Ada',
  'Testperson',
  '01/02/1990',
  'n1 1aa',
  '80%',
  '40',
  'Y',
  'Burglary',
  'Licence',
  'on licence',
];
const rowWith = (changes: Record<number, string>): string[] => GOOD.map((cell, i) => changes[i] ?? cell);
const checkOne = (cells: string[], month = '2024-03'): RowCheck => {
  const row = checkFile([HEADER, cells], month).rows[0];
  if (row === undefined) throw new Error('no row');
  return row;
};
const reasons = (check: RowCheck) => (check.ok ? [] : check.problems.map((p) => [p.field, p.reason]));

describe('core-cohort file', () => {
  it('matches header variants case-insensitively and ignores unknown columns', () => {
    const mapping = mapHeader([
      'crn',
      'PNC ID',
      'First name',
      'LAST NAME',
      'Date of Birth',
      'ogrs_2yr',
      'OVP 2-year',
      'Robbery or burglary in last 2 years',
      'Notes',
    ]);
    expect(mapping).toEqual({
      ok: true,
      columns: {
        crn: 0,
        pnc: 1,
        forenames: 2,
        surname: 3,
        date_of_birth: 4,
        ogrs_2yr: 5,
        ovp_2yr: 6,
        robbery_burglary_2yr: 7,
      },
      ignored: ['Notes'],
    });
  });

  it('refuses a file missing required columns, naming every one, and a repeated column', () => {
    const missing = mapHeader(['CRN', 'Forenames', 'Surname', 'DOB']);
    expect(missing.ok).toBe(false);
    expect(missing.ok ? [] : missing.problems.map((p) => p.field)).toEqual([
      'ogrs_2yr',
      'ovp_2yr',
      'robbery_burglary_2yr',
    ]);
    const twice = mapHeader([...HEADER, 'ogrs 2-year']);
    expect(twice.ok ? [] : twice.problems).toEqual([
      expect.objectContaining({ field: 'ogrs_2yr', rule: 'column-once' }),
    ]);
    let caught: unknown;
    try {
      requireHeader([['CRN', 'Forenames']]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Rejection);
    expect((caught as Rejection).details.map((d) => d.field)).toContain('ovp_2yr');
  });

  it('refuses an empty file and a header without rows', () => {
    expect(() => requireHeader([])).toThrow(expect.objectContaining({ rule: 'csv-header' }) as Error);
    expect(() => requireHeader([HEADER])).toThrow(expect.objectContaining({ rule: 'rows-required' }) as Error);
  });

  it('reads a good row into identity, scores and status', () => {
    expect(checkOne(GOOD)).toEqual({
      ok: true,
      row: {
        row: 1,
        identity: {
          crn: 'A123456',
          pnc: '79/0163001B',
          forenames: 'Ada',
          surname: 'Testperson',
          dateOfBirth: '1990-02-01',
          postcode: 'N1 1AA',
        },
        scores: { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: true },
        indexOffence: 'Burglary',
        sentence: 'Licence',
        status: 'licence',
      },
    });
  });

  it.each([
    ['column-count', GOOD.slice(0, 5), 'row'],
    ['required', rowWith({ 3: ' ' }), 'surname'],
    ['name-has-letter', rowWith({ 2: '-' }), 'forenames'],
    ['crn-format', rowWith({ 0: '123' }), 'crn'],
    ['pnc-invalid', rowWith({ 1: '2001/0171310S' }), 'pnc'],
    ['placeholder-identifier', rowWith({ 0: 'X000000' }), 'crn'],
    ['placeholder-identifier', rowWith({ 1: '00/0000000Z' }), 'pnc'],
    ['date-format', rowWith({ 4: '31/02/1990' }), 'date_of_birth'],
    ['date-of-birth-range', rowWith({ 4: '2020-01-01' }), 'date_of_birth'],
    ['postcode-format', rowWith({ 5: 'NOWHERE' }), 'postcode'],
    ['percentage', rowWith({ 6: '101' }), 'ogrs_2yr'],
    ['yes-no', rowWith({ 8: 'maybe' }), 'robbery_burglary_2yr'],
    ['status-value', rowWith({ 11: 'on holiday' }), 'status'],
    ['text-length', rowWith({ 9: 'x'.repeat(201) }), 'index_offence'],
  ])('reports %s', (reason, cells, field) => {
    expect(reasons(checkOne(cells))).toContainEqual([field, reason]);
  });

  it('reports every problem of a row, and keeps the identity when only the scores are bad', () => {
    const check = checkOne(rowWith({ 6: 'high', 7: '-3' }));
    expect(reasons(check)).toEqual([
      ['ogrs_2yr', 'percentage'],
      ['ovp_2yr', 'percentage'],
    ]);
    expect(check.ok ? undefined : check.identity?.crn).toBe('A123456');
    const unknownPerson = checkOne(rowWith({ 0: 'bad', 6: 'high' }));
    expect(unknownPerson.ok ? 'read' : unknownPerson.identity).toBeUndefined();
  });

  it('refuses a name without a letter (any script), which matching would take for no name', () => {
    expect(reasons(checkOne(rowWith({ 2: "'-", 3: '123' })))).toEqual([
      ['forenames', 'name-has-letter'],
      ['surname', 'name-has-letter'],
    ]);
    // Without a name the row has no identity: the person is not looked for on the rest.
    const noName = checkOne(rowWith({ 3: '.' }));
    expect(noName.ok ? 'read' : noName.identity).toBeUndefined();
    expect(checkOne(rowWith({ 2: 'Zoë', 3: 'Ó Súilleabháin' })).ok).toBe(true);
  });

  it.each(['X000000', 'X999999', 'X123456', 'x 123 456'])(
    'skips a row whose CRN %p is a placeholder, as a referral refuses it: no identity, so no person is looked for',
    (crn) => {
      const check = checkOne(rowWith({ 0: crn }));
      expect(reasons(check)).toEqual([['crn', 'placeholder-identifier']]);
      expect(check.ok ? 'read' : check.identity).toBeUndefined();
    },
  );

  it('reports a CRN repeated in the file on the later row', () => {
    const { rows } = checkFile([HEADER, GOOD, rowWith({ 2: 'Adah' })], '2024-03');
    expect(rows[0]?.ok).toBe(true);
    expect(rows[1]?.ok ? [] : rows[1]?.problems).toEqual([
      expect.objectContaining({ row: 2, field: 'crn', reason: 'duplicate-crn' }),
    ]);
  });

  it('every reason but duplicate-person, person-unresolved and identifier-corrected-on-record (found by matching, in the application) is produced by the file checks', () => {
    expect(ROW_PROBLEM_REASONS).toHaveLength(17);
  });

  it('parses the cell formats probation exports use', () => {
    expect(parseUkDate('1990-02-01')).toBe('1990-02-01');
    expect(parseUkDate('1/2/1990')).toBe('1990-02-01');
    expect(parseUkDate('29.02.2000')).toBe('2000-02-29');
    expect(parseUkDate('29/02/1900')).toBeUndefined();
    expect(parsePercentage('75')).toBe(75);
    expect(parsePercentage('49.9 %')).toBe(49.9);
    expect(parsePercentage('0.75')).toBe(0.75);
    expect(parsePercentage('abc')).toBeUndefined();
    expect(parseYesNo('YES')).toBe(true);
    expect(parseYesNo('0')).toBe(false);
    expect(parseStatus('Breach/Wanted')).toBe('breach-or-wanted');
    expect(parseStatus('Community Order')).toBe('community-order');
  });
});
