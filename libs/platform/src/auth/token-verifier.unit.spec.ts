import { SignJWT, type JWTPayload } from 'jose';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

const SECRET = 'unit-secret-for-token-rules-0123456789abcdef';
const CLAIMS = { name: 'Sam Synthetic', agency: 'Test Agency', roles: ['coordinator'], panels: ['IOM'] };
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Signs exactly the claims given: no iat, exp or sub is added behind the test's back. */
const sign = (claims: JWTPayload): Promise<string> =>
  new SignJWT({ ...CLAIMS, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));

const verifier = new TokenVerifier({ secret: SECRET, clockSkewSeconds: 60, maxLifetimeSeconds: 12 * 3600 });

async function rejection(token: string): Promise<TokenRejectedError> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenRejectedError)) throw new Error(`expected a rejection, got ${String(error)}`);
  return error;
}

describe('TokenVerifier: what a token must say about its own life', () => {
  const now = nowSeconds();

  it('accepts a token with sub, iat and exp an hour apart', async () => {
    const principal = await verifier.verify(await sign({ sub: 'u-1', iat: now, exp: now + 3600 }));
    expect(principal.id).toBe('u-1');
  });

  it.each([
    ['exp', { sub: 'u-1', iat: now }],
    ['iat', { sub: 'u-1', exp: now + 3600 }],
    ['sub', { iat: now, exp: now + 3600 }],
  ])('refuses a token without %s, naming the claim', async (claim, claims) => {
    const error = await rejection(await sign(claims));
    expect({ claim: error.claim, rule: error.rule }).toEqual({ claim, rule: 'claim-required' });
    expect(error.message).toContain(`"${claim}"`);
  });

  it('refuses a token that would stay valid for ten years', async () => {
    const error = await rejection(await sign({ sub: 'u-1', iat: now, exp: now + 10 * 365 * 86400 }));
    expect({ claim: error.claim, rule: error.rule }).toEqual({ claim: 'exp', rule: 'max-lifetime' });
    expect(error.message).toContain('43200 s');
  });

  it('refuses a token issued a year from now, even with a matching exp', async () => {
    const iat = now + 365 * 86400;
    const error = await rejection(await sign({ sub: 'u-1', iat, exp: iat + 3600 }));
    expect({ claim: error.claim, rule: error.rule }).toEqual({ claim: 'iat', rule: 'issued-in-the-future' });
  });

  it('allows the clock skew either way: issued 30 s ahead, expired 30 s ago, not before 30 s ahead', async () => {
    await expect(verifier.verify(await sign({ sub: 'u-1', iat: now + 30, exp: now + 3600 }))).resolves.toBeDefined();
    await expect(verifier.verify(await sign({ sub: 'u-1', iat: now - 3600, exp: now - 30 }))).resolves.toBeDefined();
    await expect(
      verifier.verify(await sign({ sub: 'u-1', iat: now, nbf: now + 30, exp: now + 3600 })),
    ).resolves.toBeDefined();
  });

  it('refuses beyond the skew: issued 120 s ahead, expired 120 s ago', async () => {
    expect((await rejection(await sign({ sub: 'u-1', iat: now + 120, exp: now + 3600 }))).rule).toBe(
      'issued-in-the-future',
    );
    expect((await rejection(await sign({ sub: 'u-1', iat: now - 3600, exp: now - 120 }))).rule).toBe('expired');
  });

  it('will not check tokens from an identity provider without knowing whose tokens to take', () => {
    expect(
      () => new TokenVerifier({ jwksUrl: 'https://idp.example/jwks', clockSkewSeconds: 60, maxLifetimeSeconds: 3600 }),
    ).toThrow(/issuer and an audience/);
  });
});
