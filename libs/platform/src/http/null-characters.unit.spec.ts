import { nullCharacterProblems } from './null-characters';

/** `levels` objects each holding the next under `a`, the innermost holding `leaf`. */
const nested = (levels: number, leaf: unknown): unknown =>
  Array.from({ length: levels }).reduce<unknown>((inner) => ({ a: inner }), leaf);

describe('nullCharacterProblems', () => {
  it('names the path of every text holding a null character', () => {
    expect(nullCharacterProblems({ reason: 'ok', attendance: [{ agency: 'Pol\u0000ice' }] })).toEqual([
      expect.objectContaining({ field: 'attendance[0].agency', rule: 'no-null-character' }),
    ]);
  });

  it('accepts a body nested as deep as the check goes', () => {
    expect(nullCharacterProblems(nested(32, { text: 'fine' }))).toEqual([]);
  });

  it('refuses a body nested deeper than it checks, naming where it stopped, rather than letting it through', () => {
    const problems = nullCharacterProblems(nested(40, { text: 'hidden\u0000' }));
    expect(problems).toEqual([
      expect.objectContaining({ field: Array.from({ length: 33 }, () => 'a').join('.'), rule: 'too-deep' }),
    ]);
  });
});
