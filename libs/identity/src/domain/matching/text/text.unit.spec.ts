import jaroWinklerReference from 'talisman/metrics/jaro-winkler';
import { parseAddress } from './address';
import { parseDateOfBirth } from './date-of-birth';
import { jaroWinkler, lengthsAllowSimilarity } from './jaro-winkler';
import { parseNamePart } from './name-part';
import { GIVEN_NAMES_APART, NICKNAME_GROUPS } from './nickname-groups';
import { nicknameGroupName, nicknameGroups, oneGivenName, shareNicknameGroup } from './nicknames';
import { normaliseText } from './normalise-text';
import { phoneticCodes } from './phonetic';
import { parsePostcode } from './postcode';

describe('normaliseText', () => {
  it.each([
    ["O'Brien", 'OBRIEN'],
    ['Smith-Jones', 'SMITH JONES'],
    ['  mary   anne ', 'MARY ANNE'],
    ['Łukasz Wiśniewski', 'LUKASZ WISNIEWSKI'],
    ['Şükrü Öztürk', 'SUKRU OZTURK'],
    ['Zoë', 'ZOE'],
    ['St. John', 'ST JOHN'],
  ])('%p -> %p', (raw, expected) => expect(normaliseText(raw)).toBe(expected));
});

describe('parsePostcode', () => {
  it('normalises case and spacing and splits outward, sector and unit', () => {
    expect(parsePostcode('n176ab')).toEqual({ full: 'N17 6AB', sector: 'N17 6', outward: 'N17' });
    expect(parsePostcode(' SW1A 1aa ')).toEqual({ full: 'SW1A 1AA', sector: 'SW1A 1', outward: 'SW1A' });
    expect(parsePostcode('E1 7AN')).toEqual({ full: 'E1 7AN', sector: 'E1 7', outward: 'E1' });
  });

  it('keeps non-UK postcodes whole, without sector or outward code', () => {
    expect(parsePostcode('2119')).toEqual({ full: '2119' });
  });

  it('treats blank as missing', () => {
    expect(parsePostcode('  ')).toBeUndefined();
    expect(parsePostcode(undefined)).toBeUndefined();
  });

  it.each(['NFA', 'nfa', 'N/A', 'NA', 'NONE', 'UNKNOWN', 'Not known', 'ZZ99 3VZ', 'zz993vz', 'ZZ99 3CZ'])(
    'treats the placeholder %p as missing: it is no place two people can share',
    (raw) => expect(parsePostcode(raw)).toBeUndefined(),
  );

  it('keeps a district or sector given alone as that part only, never as a whole postcode', () => {
    expect(parsePostcode('N17')).toEqual({ outward: 'N17' });
    expect(parsePostcode('sw1a')).toEqual({ outward: 'SW1A' });
    expect(parsePostcode('N17 6')).toEqual({ sector: 'N17 6', outward: 'N17' });
    expect(parsePostcode('N1 7')).toEqual({ sector: 'N1 7', outward: 'N1' });
  });

  it('takes a BFPO number, shared by a whole garrison, at most as a district', () => {
    expect(parsePostcode('BFPO 801')).toEqual({ outward: 'BFPO 801' });
    expect(parsePostcode('bfpo801')).toEqual({ outward: 'BFPO 801' });
  });
});

describe('parseDateOfBirth', () => {
  it('parses ISO dates and counts days without a Date object', () => {
    expect(parseDateOfBirth('1970-01-01')).toMatchObject({
      year: 1970,
      month: 1,
      day: 1,
      digits: '19700101',
      dayNumber: 0,
    });
    expect(parseDateOfBirth('2000-03-01')?.dayNumber).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(parseDateOfBirth('1955-11-30')?.dayNumber).toBe(Date.UTC(1955, 10, 30) / 86_400_000);
  });

  it.each(['1980-02-30', '1981-02-29', '1980-13-01', '1931-99-24', '12/05/1980', ''])(
    'treats the impossible or unparseable date %p as missing',
    (raw) => expect(parseDateOfBirth(raw)).toBeUndefined(),
  );

  it('accepts 29 February in leap years', () => {
    expect(parseDateOfBirth('2000-02-29')).toBeDefined();
    expect(parseDateOfBirth('1900-02-29')).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it('expands abbreviations and drops dwelling words so retyped addresses compare equal', () => {
    expect(parseAddress('Flat 2, 17 Park Rd')).toEqual(parseAddress('2 17 PARK ROAD'));
    expect(parseAddress('17 Park Road')).toMatchObject({ numbers: '17', street: 'PARKROAD' });
  });

  it.each([
    'No fixed abode',
    'NO FIXED ABODE',
    'NFA',
    'N/A',
    'none',
    'Unknown',
    'Not known',
    'Address withheld',
    'Refuge',
    'Street homeless',
    'No fixed address',
  ])('treats %p as missing: it locates nobody', (raw) => expect(parseAddress(raw)).toBeUndefined());

  it('keeps an address that only contains one of those words', () => {
    expect(parseAddress('12 Refuge Street')).toMatchObject({ numbers: '12', street: 'REFUGESTREET' });
    expect(parseAddress('Rose Cottage')).toMatchObject({ text: 'ROSE COTTAGE' });
  });
});

describe('jaroWinkler', () => {
  it('agrees with the talisman reference implementation', () => {
    const pairs = [
      ['MARTHA', 'MARHTA'],
      ['DWAYNE', 'DUANE'],
      ['DIXON', 'DICKSONX'],
      ['MOHAMMED', 'MUHAMMAD'],
      ['SMITH', 'SMYTHE'],
      ['A', 'B'],
      ['KHAN', 'KHAN'],
      ['OLUWASEUN', 'SEUN'],
    ] as const;
    for (const [a, b] of pairs) expect(jaroWinkler(a, b)).toBeCloseTo(jaroWinklerReference(a, b), 10);
  });

  it('is 0 for empty strings and 1 for equal ones', () => {
    expect(jaroWinkler('', '')).toBe(0);
    expect(jaroWinkler('ABC', '')).toBe(0);
    expect(jaroWinkler('ABC', 'ABC')).toBe(1);
  });

  it('rules a similarity out on lengths only where no spelling of those lengths reaches it', () => {
    expect(lengthsAllowSimilarity('ALI'.length, 'MOHAMMED'.length, 0.95)).toBe(false);
    expect(lengthsAllowSimilarity('MAR'.length, 'MARY'.length, 0.95)).toBe(true);
    const groups = NICKNAME_GROUPS.filter((_group, at) => at % 4 === 0);
    const names = [...new Set(groups.flat().map((name) => normaliseText(name).replace(/ /g, '')))];
    // Every name against every other and against itself cut short or run on: no pair the bound rules out reaches it.
    const spellings = names.flatMap((name) => [name, name.slice(0, -1), name.slice(1), `${name}S`]);
    const reachedThoughRuledOut: string[] = [];
    for (const a of names) {
      for (const b of spellings) {
        const similarity = jaroWinkler(a, b);
        for (const threshold of [0.95, 0.88]) {
          if (similarity >= threshold && !lengthsAllowSimilarity(a.length, b.length, threshold))
            reachedThoughRuledOut.push(`${a}/${b} ${similarity}`);
        }
      }
    }
    expect(reachedThoughRuledOut).toEqual([]);
  });
});

describe('nicknames', () => {
  it('puts diminutives and transliterations in the same group', () => {
    const same = (a: string, b: string): boolean => shareNicknameGroup(nicknameGroups(a), nicknameGroups(b));
    expect(same('BOB', 'ROBERT')).toBe(true);
    expect(same('BILL', 'WILLIAM')).toBe(true);
    expect(same('LIZ', 'ELIZABETH')).toBe(true);
    expect(same('MO', 'MOHAMMED')).toBe(true);
    expect(same('MUHAMMAD', 'MOHAMED')).toBe(true);
    expect(same('MEHMET', 'MOHAMMAD')).toBe(true);
    expect(same('PIOTR', 'PETER')).toBe(true);
    expect(same('JOHN', 'IAN')).toBe(false);
    expect(same('ROBERT', 'RICHARD')).toBe(false);
  });

  it('tells names registered in their own right apart from the names a group joins them to', () => {
    expect(oneGivenName('BOB', 'ROBERT')).toBe(true);
    expect(oneGivenName('KATIE', 'CATHERINE')).toBe(true);
    expect(oneGivenName('NATE', 'NATHAN')).toBe(true);
    expect(oneGivenName('JASMIN', 'JASMINE')).toBe(true);
    expect(oneGivenName('JACK', 'JOHN')).toBe(false);
    expect(oneGivenName('JACK', 'JOHNNY')).toBe(false);
    expect(oneGivenName('NATHAN', 'JONATHAN')).toBe(false);
    expect(oneGivenName('CAITLIN', 'KATIE')).toBe(false);
    expect(oneGivenName('JASMINE', 'YASMIN')).toBe(false);
  });

  it.each(GIVEN_NAMES_APART)(
    'takes $names out of a group headed $fromGroup that holds them',
    ({ names, fromGroup }) => {
      const group = NICKNAME_GROUPS.find((candidate) => candidate[0] === fromGroup);
      expect(names.filter((name) => group?.includes(name))).toEqual(names);
    },
  );

  it('names each group by its first entry, for blocking keys', () => {
    expect(nicknameGroups('BOB').map(nicknameGroupName)).toContain('ROBERT');
  });
});

describe('phonetic codes and name parts', () => {
  it('gives Double Metaphone codes', () => {
    expect(phoneticCodes('SMITH')).toContain('SM0');
    expect(phoneticCodes('SCHMIDT')).toContain('XMT');
    expect(phoneticCodes('')).toEqual([]);
  });

  it('prepares the first forename and the compact surname', () => {
    expect(parseNamePart('Mohammed Imran')).toMatchObject({ first: 'MOHAMMED', compact: 'MOHAMMEDIMRAN' });
    expect(parseNamePart('Mc Donald')?.compact).toBe('MCDONALD');
    expect(parseNamePart(' ')).toBeUndefined();
  });
});
