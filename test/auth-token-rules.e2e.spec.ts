import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR, TEST_JWT_SECRET, tokenFor } from './support/tokens';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const CLAIMS = { name: 'Sam Synthetic', agency: 'Test Agency', roles: ['coordinator'], panels: ['IOM'] };

/** Signed with the suite's secret, with exactly the registered claims given. */
const signed = (claims: JWTPayload): Promise<string> =>
  new SignJWT({ ...CLAIMS, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));

/** One API per describe block, with its own limits. */
function apiFor(env: Record<string, string>): () => ReturnType<TestApi['app']['getHttpServer']> {
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await startTestApi(env);
  });
  afterAll(async () => {
    await api?.close();
  });
  return () => {
    if (api === undefined) throw new Error('the API starts in beforeAll');
    return api.app.getHttpServer();
  };
}

describe('which validly signed tokens the API takes', () => {
  const server = apiFor({});
  const panels = (token: string) => request(server()).get('/v1/panels').set('Authorization', `Bearer ${token}`);

  it('takes the suite helper tokens', async () => {
    await panels(await tokenFor(COORDINATOR_ALL_PANELS)).expect(200);
  });

  it.each([
    ['without exp', () => ({ sub: 'u-1', iat: nowSeconds() }), 'exp', 'claim-required'],
    ['without iat', () => ({ sub: 'u-1', exp: nowSeconds() + 600 }), 'iat', 'claim-required'],
    [
      'lasting ten years',
      () => ({ sub: 'u-1', iat: nowSeconds(), exp: nowSeconds() + 315_360_000 }),
      'exp',
      'max-lifetime',
    ],
    [
      'issued a year from now',
      () => ({ sub: 'u-1', iat: nowSeconds() + 31_536_000, exp: nowSeconds() + 31_537_000 }),
      'iat',
      'issued-in-the-future',
    ],
  ])('refuses a token %s with 401 naming the claim and rule', async (_, claims, claim, rule) => {
    const response = await panels(await signed(claims()));
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ rule, errors: [{ field: claim, rule }] });
    expect(response.body.message).toMatch(/^token rejected: /);
  });

  it('takes a token that expired a few seconds ago, within the clock skew', async () => {
    await panels(await signed({ sub: 'u-1', iat: nowSeconds() - 600, exp: nowSeconds() - 5 })).expect(200);
  });

  it.each([
    ['name', 'Sam\r\nSynthetic'],
    ['agency', 'Test\u0000Agency'],
    ['sub', 'u'.repeat(5000)],
  ])('refuses a %s claim no audit trail should hold, saying which claim', async (claim, value) => {
    const response = await panels(
      await signed({ sub: 'u-1', iat: nowSeconds(), exp: nowSeconds() + 600, [claim]: value }),
    );
    expect(response.status).toBe(401);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: claim })]);
    expect(response.body.message).toContain(claim);
  });
});

describe('failed authentication from one address', () => {
  const server = apiFor({ RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '3' });
  const http = () => request(server());

  it('answers a failing token 429 with Retry-After once the address has failed its budget', async () => {
    const forged = await tokenFor(COORDINATOR_ALL_PANELS, 'another-secret-that-is-long-enough-000000');
    await http().get('/v1/panels').set('Authorization', `Bearer ${forged}`).expect(401);
    await http().get('/v1/panels').set('Authorization', 'Bearer not-a-jwt').expect(401);
    await http().get('/v1/panels').set('Authorization', `Bearer ${forged}`).expect(401);
    const refused = await http().get('/v1/panels').set('Authorization', `Bearer ${forged}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ statusCode: 429, rule: 'failed-authentication-limit' });
    await http().get('/v1/panels').set('Authorization', 'Bearer not-a-jwt').expect(429);
    await http().get('/v1/panels').expect(429);
  });

  it('still answers /health, whose own per-address limit is unchanged', async () => {
    await http().get('/health').expect(200);
  });
});

describe('an office address whose stale browser tabs used up its failed-authentication budget', () => {
  const server = apiFor({ RATE_LIMIT_PER_MINUTE: '50', AUTH_FAILURES_PER_MINUTE: '3' });
  const panels = (token: string) => request(server()).get('/v1/panels').set('Authorization', `Bearer ${token}`);

  it('lets a colleague with a valid token through, and answers the failing tokens 429', async () => {
    const forged = await tokenFor(COORDINATOR_ALL_PANELS, 'another-secret-that-is-long-enough-000000');
    for (let i = 0; i < 3; i += 1) await panels(forged).expect(401);
    await panels(await tokenFor(COORDINATOR_ALL_PANELS)).expect(200);
    await panels(await tokenFor(IOM_ONLY_COORDINATOR)).expect(200);
    const refused = await panels(forged);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ rule: 'failed-authentication-limit' });
  });
});

describe('stale browser tabs sending a correctly signed token that has expired', () => {
  const server = apiFor({ RATE_LIMIT_PER_MINUTE: '50', AUTH_FAILURES_PER_MINUTE: '2' });
  const panels = (token: string) => request(server()).get('/v1/panels').set('Authorization', `Bearer ${token}`);

  it('get 401 (sign in again) every time and use up no budget: a signed token guesses nothing', async () => {
    const stale = await signed({ sub: 'u-stale', iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 });
    for (let i = 0; i < 5; i += 1) {
      const refused = await panels(stale);
      expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 401, rule: 'expired' });
    }
    await panels('not-a-jwt').expect(401);
  });
});

describe('requests carrying no token', () => {
  const server = apiFor({ RATE_LIMIT_PER_MINUTE: '50', AUTH_FAILURES_PER_MINUTE: '2' });
  const http = () => request(server());

  it('get 401 and do not use up the address budget: they guess nothing and cost no verification', async () => {
    for (let i = 0; i < 4; i += 1) await http().get('/v1/panels').expect(401);
    await http().get('/v1/panels').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });
});

describe('an identity provider whose key set cannot be fetched', () => {
  const server = apiFor({
    AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks',
    AUTH_ISSUER: 'https://idp.example.test',
    AUTH_AUDIENCE: 'case-coordination',
    RATE_LIMIT_PER_MINUTE: '50',
    AUTH_FAILURES_PER_MINUTE: '2',
  });

  it('answers 503 with Retry-After, not 401, and does not count it against the address', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ ...CLAIMS })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject('u-1')
      .setIssuer('https://idp.example.test')
      .setAudience('case-coordination')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    for (let i = 0; i < 4; i += 1) {
      const response = await request(server()).get('/v1/panels').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    await request(server()).get('/v1/panels').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });
});

describe('the per-user limit', () => {
  const server = apiFor({ RATE_LIMIT_PER_MINUTE: '5', AUTH_FAILURES_PER_MINUTE: '2' });

  it('counts a signed-in user on their own, as before: five requests, then 429', async () => {
    const token = await tokenFor(COORDINATOR_ALL_PANELS);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await request(server()).get('/v1/panels').set('Authorization', `Bearer ${token}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
