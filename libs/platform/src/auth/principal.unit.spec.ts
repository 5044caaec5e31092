import { InvalidClaimsError, principalFromClaims } from './principal';

const VALID = { sub: 'u-1', name: 'Sam Synthetic', agency: 'Test Agency', roles: ['coordinator'], panels: ['IOM'] };

function refusal(claims: Record<string, unknown>): InvalidClaimsError {
  try {
    principalFromClaims(claims);
  } catch (error) {
    if (error instanceof InvalidClaimsError) return error;
    throw error;
  }
  throw new Error('expected the claims to be refused');
}

describe('principalFromClaims: what may become the actor on an event', () => {
  it('takes ordinary claims, accents included', () => {
    expect(principalFromClaims({ ...VALID, name: 'Zoë Ó Súilleabháin' }).name).toBe('Zoë Ó Súilleabháin');
  });

  it.each([
    ['name', 'Sam\u0000Synthetic'],
    ['name', 'Sam\r\nSynthetic'],
    ['agency', 'Test\nAgency'],
    ['agency', 'Test\u2028Agency'],
    ['sub', 'u-1\t'],
    ['panels', ['IOM\n']],
  ])('refuses %s holding a control character or line break', (claim, value) => {
    const error = refusal({ ...VALID, [claim]: value });
    expect({ claim: error.claim, rule: error.rule }).toEqual({ claim, rule: 'no-control-characters' });
    expect(error.message).toContain(claim);
  });

  it.each([
    ['sub', 'x'.repeat(5000)],
    ['name', 'x'.repeat(201)],
    ['agency', 'x'.repeat(201)],
    ['panels', ['X'.repeat(33)]],
    ['panels', Array.from({ length: 101 }, (_, i) => `P${i}`)],
  ])('refuses an overlong %s', (claim, value) => {
    const error = refusal({ ...VALID, [claim]: value });
    expect({ claim: error.claim, rule: error.rule }).toEqual({ claim, rule: 'max-length' });
  });

  it('takes claims at the length limits', () => {
    expect(() =>
      principalFromClaims({ ...VALID, sub: 'x'.repeat(255), name: 'n'.repeat(200), agency: 'a'.repeat(200) }),
    ).not.toThrow();
  });
});
