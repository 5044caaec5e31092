import request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';

/**
 * Load balancers, orchestrators and monitors add their own query strings (`?probe=lb`) and
 * cache-busters (`?_=<time>`, jQuery's `cache: false`). Refusing them takes the service out of
 * rotation, so health and readiness take any query and every read ignores `_`; any other
 * parameter a read does not take is still refused.
 */
describe('probes and cache-busters on reads', () => {
  const { api, tokens } = apiForSuite({
    coordinator: { sub: 'coord-probes', roles: ['coordinator'], panels: ['IOM'] },
    auditor: { sub: 'auditor-probes', roles: ['auditor'] },
  });
  const http = () => request(api.app.getHttpServer());

  it.each(['/health?_=1700000000000', '/ready?_=1', '/ready?foo=bar', '/health?probe=lb&probe=k8s'])(
    '%s answers 200 to GET and HEAD',
    async (url) => {
      expect((await http().get(url)).status).toBe(200);
      expect((await http().head(url)).status).toBe(200);
    },
  );

  it('ignores the cache-buster on a read with no query and on one with a query class', async () => {
    const panels = await http().get('/v1/panels?_=123').set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(panels.status).toBe(200);
    const trail = await http().get('/v1/audit/trail?limit=1&_=123').set('Authorization', `Bearer ${tokens.auditor}`);
    expect(trail.status).toBe(200);
  });

  it('keeps the cache-buster out of the audit entry of the read', async () => {
    const referral = await http()
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send(iomReferral({}, { person: person({ forenames: 'Cache', surname: 'Buster', identifiers: {} }) }));
    expect(referral.status).toBe(201);
    const view = await http()
      .get(`/v1/cases/${referral.body.caseId}?_=42`)
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .set('X-Purpose', 'weekly review');
    expect(view.status).toBe(200);
    let items: { parameters?: unknown }[] = [];
    for (const until = Date.now() + 10_000; items.length === 0 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 50));
      const trail = await http()
        .get('/v1/audit/trail?actor=coord-probes&action=case-viewed')
        .set('Authorization', `Bearer ${tokens.auditor}`);
      items = trail.body.items;
    }
    expect(items).toHaveLength(1);
    expect(items[0]!.parameters ?? {}).toEqual({});
  });

  it('still refuses any other parameter a read does not take, naming it', async () => {
    const answer = await http().get('/v1/panels?foo=1&_=2').set('Authorization', `Bearer ${tokens.coordinator}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      { field: 'foo', rule: 'whitelistValidation', message: 'query parameter foo is not one this route reads' },
    ]);
  });
});
