import { IDENTIFIER_KINDS, MOD23_ALPHABET, normaliseIdentifier, validateIdentifier } from './index';

/** A deterministic spread of serials (no randomness in tests): multiples of a prime, wrapped. */
const serials = (count: number, width: number): string[] =>
  Array.from({ length: count }, (_, i) => String(((i + 1) * 7_919_191) % 10 ** width).padStart(width, '0'));

/** Computes the mod-23 check by plain BigInt arithmetic, independently of the production code. */
const mod23 = (digits: string): string => MOD23_ALPHABET.charAt(Number(BigInt(digits) % 23n));

const nhsCheck = (nine: string): number | undefined => {
  const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? undefined : check;
};

const expectValid = (kind: (typeof IDENTIFIER_KINDS)[number], value: string, normalised: string): void =>
  expect(validateIdentifier(kind, value)).toEqual({ ok: true, normalised });

const expectInvalid = (kind: (typeof IDENTIFIER_KINDS)[number], value: string, rule: string): void => {
  const result = validateIdentifier(kind, value);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.rule).toBe(rule);
    expect(result.message.length).toBeGreaterThan(0);
  }
};

describe('identifier kinds', () => {
  it('lists every supported identifier', () => {
    expect(IDENTIFIER_KINDS).toEqual(['pnc', 'cro', 'nhsNumber', 'noms', 'crn']);
  });
});

describe('PNC ID', () => {
  it('accepts the domain examples and normalises them to YY/NNNNNNNC', () => {
    expectValid('pnc', '1979/0163001B', '79/0163001B');
    expectValid('pnc', '2002/0073319Z', '02/0073319Z');
    expectValid('pnc', '02/0073319Z', '02/0073319Z');
  });

  it('rejects a wrong check character', () => {
    expectInvalid('pnc', '2001/0171310S', 'pnc.check-character');
  });

  it('accepts lower case, spaces, a missing slash and a serial whose leading zeros were dropped', () => {
    expectValid('pnc', ' 1979/0163001b ', '79/0163001B');
    expectValid('pnc', '790163001B', '79/0163001B');
    expectValid('pnc', '79/163001B', '79/0163001B');
  });

  it.each([
    '',
    '79',
    '1979-0163001B',
    '179/0163001B',
    '1979/01630011B',
    '1979/0163001',
    'AB/0163001B',
    '79163001B',
    '1979/0163001BB',
  ])('rejects the malformed value %p', (value) => expectInvalid('pnc', value, 'pnc.format'));

  it('accepts every computed check character and rejects every other letter', () => {
    for (const [i, serial] of serials(200, 7).entries()) {
      const year = String((i * 13) % 100).padStart(2, '0');
      const check = mod23(year + serial);
      expectValid('pnc', `19${year}/${serial}${check}`, `${year}/${serial}${check}`);
      const wrong = MOD23_ALPHABET.charAt((MOD23_ALPHABET.indexOf(check) + 1 + (i % 22)) % 23);
      expectInvalid('pnc', `${year}/${serial}${wrong}`, 'pnc.check-character');
    }
  });
});

describe('CRO number', () => {
  it('uses year then zero-padded serial for the standard form', () => {
    // 95 followed by 000123 = 95000123; 95000123 mod 23 = 3 -> C
    expect(mod23('95000123')).toBe('C');
    expectValid('cro', '123/95C', '000123/95C');
    expectValid('cro', '000123/95C', '000123/95C');
    expectInvalid('cro', '123/95A', 'cro.check-character');
  });

  it('uses year then the serial as written for the SF form, with or without the space', () => {
    const check = mod23('95123456');
    expectValid('cro', `SF 95/123456${check}`, `SF95/123456${check}`);
    expectValid('cro', `sf95/123456${check.toLowerCase()}`, `SF95/123456${check}`);
    const wrong = MOD23_ALPHABET.charAt((MOD23_ALPHABET.indexOf(check) + 5) % 23);
    expectInvalid('cro', `SF95/123456${wrong}`, 'cro.check-character');
  });

  it('accepts computed check characters in both forms', () => {
    for (const [i, serial] of serials(150, 6).entries()) {
      const year = String((i * 7) % 100).padStart(2, '0');
      expectValid('cro', `${serial}/${year}${mod23(year + serial)}`, `${serial}/${year}${mod23(year + serial)}`);
      expectValid('cro', `SF ${year}/${serial}${mod23(year + serial)}`, `SF${year}/${serial}${mod23(year + serial)}`);
    }
  });

  it.each(['', '1234567/95A', '123456/9A', 'SF 95123456A', 'XF 95/123456A', '123456/95', '123456\\95A'])(
    'rejects the malformed value %p',
    (value) => expectInvalid('cro', value, 'cro.format'),
  );
});

describe('NHS number', () => {
  it('accepts the domain example with spaces or dashes and normalises to 10 digits', () => {
    expectValid('nhsNumber', '9434765919', '9434765919');
    expectValid('nhsNumber', '943 476 5919', '9434765919');
    expectValid('nhsNumber', '943-476-5919', '9434765919');
  });

  it('rejects a wrong check digit', () => {
    expectInvalid('nhsNumber', '9434765918', 'nhsNumber.check-digit');
  });

  it('rejects numbers whose check would be 10 (never issued)', () => {
    const nine = Array.from({ length: 2000 }, (_, i) => `999${String(i).padStart(6, '0')}`).find(
      (candidate) => nhsCheck(candidate) === undefined,
    );
    expect(nine).toBeDefined();
    for (let last = 0; last <= 9; last++) expectInvalid('nhsNumber', `${nine}${last}`, 'nhsNumber.check-digit');
  });

  it('accepts computed check digits in the never-issued 999 range', () => {
    let checked = 0;
    for (const serial of serials(300, 6)) {
      const nine = `999${serial}`;
      const check = nhsCheck(nine);
      if (check === undefined) continue;
      expectValid('nhsNumber', `${nine}${check}`, `${nine}${check}`);
      expectInvalid('nhsNumber', `${nine}${(check + 1) % 10}`, 'nhsNumber.check-digit');
      checked++;
    }
    expect(checked).toBeGreaterThan(250);
  });

  it.each(['', '943476591', '94347659190', '943476591X', '943/476/5919'])('rejects the malformed value %p', (value) =>
    expectInvalid('nhsNumber', value, 'nhsNumber.format'),
  );
});

describe('placeholder identifiers', () => {
  it.each([...Array.from({ length: 10 }, (_, d) => String(d).repeat(10)), '0123456789', '9876543210', '000 000 0000'])(
    'refuses the NHS number %p: it passes modulus 11 but names nobody',
    (value) => expectInvalid('nhsNumber', value, 'nhsNumber.placeholder'),
  );

  it.each(['00/0000000Z', '000000000Z', `1979/0000000${mod23('790000000')}`, `79/0${mod23('790000000')}`])(
    'refuses the PNC ID %p with serial 0, whatever the year',
    (value) => expectInvalid('pnc', value, 'pnc.placeholder'),
  );

  it.each(['000000/00Z', `0/95${mod23('95000000')}`, `SF95/000000${mod23('95000000')}`, 'SF00/0Z'])(
    'refuses the CRO number %p with serial 0',
    (value) => expectInvalid('cro', value, 'cro.placeholder'),
  );

  it('keeps numbers that only look regular, and the never-issued 999 range tests use', () => {
    expectValid('nhsNumber', '9990000018', '9990000018');
    expectValid('pnc', `2001/0000001${mod23('010000001')}`, `01/0000001${mod23('010000001')}`);
    expectInvalid('nhsNumber', '1234567890', 'nhsNumber.check-digit');
  });

  it('gives the matcher no identifier for a placeholder, so a record held from before folds as one without', () => {
    expect(normaliseIdentifier('nhsNumber', '0000000000')).toBeUndefined();
    expect(normaliseIdentifier('pnc', '00/0000000Z')).toBeUndefined();
    expect(normaliseIdentifier('cro', '000000/00Z')).toBeUndefined();
  });
});

describe('NOMS number', () => {
  it('accepts a letter, four digits and two letters in any case and normalises to upper case', () => {
    expectValid('noms', 'G4821BC', 'G4821BC');
    expectValid('noms', ' g4821bc', 'G4821BC');
  });

  it.each(['', '1234ABC', 'A123BC', 'A12345BC', 'A1234B', 'AB1234C'])('rejects the malformed value %p', (value) =>
    expectInvalid('noms', value, 'noms.format'),
  );
});

describe('CRN', () => {
  it('accepts a letter and six digits and normalises to upper case', () => {
    expectValid('crn', 'X482106', 'X482106');
    expectValid('crn', 'x482106', 'X482106');
  });

  it.each(['', '123456', 'X12345', 'X1234567', 'XX12345'])('rejects the malformed value %p', (value) =>
    expectInvalid('crn', value, 'crn.format'),
  );
});

describe('NOMS and CRN placeholders', () => {
  it.each(['A0000AA', 'A9999ZZ', 'g0000xy', 'A1234BC', 'a 1234 bc'])(
    'refuses the NOMS number %p: digits all 0 or all 9, or the format example, name nobody',
    (value) => expectInvalid('noms', value, 'noms.placeholder'),
  );

  it.each(['X000000', 'X999999', 'a000000', 'X123456', 'x 123 456'])(
    'refuses the CRN %p: digits all 0 or all 9, or the format example, name nobody',
    (value) => expectInvalid('crn', value, 'crn.placeholder'),
  );

  it('keeps values that only look regular', () => {
    expectValid('noms', 'A0001AA', 'A0001AA');
    expectValid('noms', 'B1234BC', 'B1234BC');
    expectValid('crn', 'X000001', 'X000001');
    expectValid('crn', 'Y123456', 'Y123456');
  });

  it('gives the matcher no identifier for one held on an older record', () => {
    expect(normaliseIdentifier('noms', 'A0000AA')).toBeUndefined();
    expect(normaliseIdentifier('noms', 'A1234BC')).toBeUndefined();
    expect(normaliseIdentifier('crn', 'X999999')).toBeUndefined();
    expect(normaliseIdentifier('crn', 'X123456')).toBeUndefined();
  });
});

describe('refusal messages', () => {
  /** Every character of every refused value the tests above try, mistyped or placeholder. */
  const refused: [(typeof IDENTIFIER_KINDS)[number], string][] = [
    ['pnc', 'AB/0163001B'],
    ['pnc', '2001/0171310S'],
    ['cro', '123456\\95A'],
    ['cro', '123/95A'],
    ['nhsNumber', '943476591X'],
    ['nhsNumber', '9434765918'],
    ['noms', 'A123BC'],
    ['noms', 'A0000AA'],
    ['crn', 'X12345'],
    ['crn', 'X000000'],
  ];

  it.each(refused)('describe the %s format without a value to copy (%p)', (kind, value) => {
    const result = validateIdentifier(kind, value);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.message;
    // A value someone could paste: a run of digits, or a check character named on its own.
    expect(message).not.toMatch(/\d{3}|\b(should be|e\.g\.)\b/);
  });
});

describe('normaliseIdentifier', () => {
  it('returns the canonical form of a valid value and undefined otherwise', () => {
    expect(normaliseIdentifier('pnc', '1979/0163001B')).toBe('79/0163001B');
    expect(normaliseIdentifier('pnc', '2001/0171310S')).toBeUndefined();
    expect(normaliseIdentifier('crn', undefined)).toBeUndefined();
    expect(normaliseIdentifier('crn', '  ')).toBeUndefined();
  });

  it('takes null or a non-text value stored on an older record for no identifier, not a crash', () => {
    for (const kind of IDENTIFIER_KINDS) {
      expect(normaliseIdentifier(kind, null)).toBeUndefined();
      expect(normaliseIdentifier(kind, 9434765919 as unknown as string)).toBeUndefined();
      expect(normaliseIdentifier(kind, {} as unknown as string)).toBeUndefined();
    }
  });
});
