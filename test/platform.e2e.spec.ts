import request from 'supertest';
import { concretePath, registeredRoutes } from './support/routes';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('the API platform', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());

  it('answers liveness and readiness without a token', async () => {
    await http().get('/health').expect(200, { status: 'ok' });
    const ready = await http().get('/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', eventStore: { status: 'up' } });
    expect(Array.isArray(ready.body.projections)).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const docs = await http().get('/docs-json').expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths).some((p: string) => p.startsWith('/v1/'))).toBe(true);
  });

  it('refuses every /v1 route without a token, and with a forged or expired one', async () => {
    const routes = registeredRoutes(api.app).filter((r) => r.path.startsWith('/v1'));
    expect(routes.length).toBeGreaterThan(0);
    const forged = await tokenFor(COORDINATOR_ALL_PANELS, 'another-secret-that-is-long-enough-000000');
    const expired = await tokenFor(COORDINATOR_ALL_PANELS, undefined, '-1m');
    for (const route of routes) {
      const url = concretePath(route.path);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const anonymous = await http()[method](url).send({});
      expect({ route, status: anonymous.status }).toEqual({ route, status: 401 });
      for (const token of [forged, expired, 'not-a-jwt']) {
        const response = await http()[method](url).set('Authorization', `Bearer ${token}`).send({});
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
      }
    }
  });

  it('refuses a token without the claims the audit trail needs', async () => {
    const token = await tokenFor({ sub: 'x', roles: ['superuser' as never] });
    const response = await http().get('/v1/panels').set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/unknown roles/);
  });

  it('never leaks a stack trace and sets security headers', async () => {
    const response = await http().get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['x-correlation-id']).toBeDefined();
  });
});
