import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';

/**
 * The test client connects from 127.0.0.1, standing in for a load balancer. Failed
 * authentications are counted per client address: X-Forwarded-For names that client only when
 * TRUST_PROXY trusts the peer, otherwise a forged header would let anyone pick a fresh budget.
 */
function apiWith(env: Record<string, string>): () => ReturnType<TestApi['app']['getHttpServer']> {
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '50', AUTH_FAILURES_PER_MINUTE: '2', ...env });
  });
  afterAll(async () => {
    await api?.close();
  });
  return () => {
    if (api === undefined) throw new Error('the API starts in beforeAll');
    return api.app.getHttpServer();
  };
}

const failFrom = (server: ReturnType<TestApi['app']['getHttpServer']>, client: string) =>
  request(server).get('/v1/panels').set('X-Forwarded-For', client).set('Authorization', 'Bearer not-a-jwt');

describe('TRUST_PROXY naming the load balancer', () => {
  const server = apiWith({ TRUST_PROXY: '127.0.0.1/32' });

  it('counts each forwarded client on its own: one client over budget does not throttle another', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await failFrom(server(), '203.0.113.10')).status);
    expect(statuses).toEqual([401, 401, 429]);
    expect((await failFrom(server(), '203.0.113.11')).status).toBe(401);
  });
});

describe.each([
  ['none', 'trusting no proxy'],
  ['10.0.0.0/8', 'trusting proxies other than the peer'],
])('TRUST_PROXY %s (%s)', (trustProxy) => {
  const server = apiWith({ TRUST_PROXY: trustProxy });

  it('ignores X-Forwarded-For: every request counts under the peer address, whatever it claims', async () => {
    expect((await failFrom(server(), '203.0.113.20')).status).toBe(401);
    expect((await failFrom(server(), '203.0.113.21')).status).toBe(401);
    expect((await failFrom(server(), '203.0.113.22')).status).toBe(429);
  });
});
