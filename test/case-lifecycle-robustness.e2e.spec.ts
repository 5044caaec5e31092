import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { allianceReferral, iomReferral, maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** A small seeded generator so a failing payload can be reproduced from the seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const JUNK: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(6000),
  -1,
  1e309,
  3.5,
  true,
  [],
  {},
  [1, 'a'],
  { $gt: '' },
  '2024-13-45',
  '1979/0163001A',
  '<script>',
  '💥',
];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 4) return JUNK[Math.floor(random() * JUNK.length)];
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ({ ...value } as Record<string, unknown>)
    : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys[Math.floor(random() * keys.length)];
  if (key === undefined) return JUNK[Math.floor(random() * JUNK.length)];
  const roll = random();
  if (roll < 0.2) delete copy[key];
  else if (roll < 0.6) copy[key] = mutate(copy[key], random, depth + 1);
  else copy[key] = JUNK[Math.floor(random() * JUNK.length)];
  return Array.isArray(value) ? Object.values(copy) : copy;
}

describe('case lifecycle robustness', () => {
  let api: TestApi;
  let token: string;
  let store: EventStore;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
    store = api.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await api.close();
  });
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    request(api.app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .set(headers)
      .send(body as object);

  it('never answers 5xx nor writes an event for random invalid referral payloads', async () => {
    const random = prng(20261123);
    const templates = [maracReferral(), iomReferral(), allianceReferral()];
    for (let i = 0; i < 600; i++) {
      const template = templates[i % templates.length];
      let body = template;
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) body = mutate(body, random) as typeof template;
      const head = await store.headPosition();
      const response = await post('/v1/referrals', body);
      expect({ i, status: response.status < 500, body: response.status < 500 ? null : body }).toEqual({
        i,
        status: true,
        body: null,
      });
      if (response.status >= 400) {
        expect({ i, head: await store.headPosition() }).toEqual({ i, head });
        expect(response.body.statusCode).toBe(response.status);
      }
    }
  });

  it('answers 400 to a body that is not JSON and 413 to an oversized one', async () => {
    const broken = await request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"panel": "MARAC",');
    expect(broken.status).toBe(400);
    const huge = await post('/v1/referrals', { ...maracReferral(), reason: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
  });

  it('lets one of two concurrent conflicting commands win; the other gets 409 and nothing is duplicated', async () => {
    const made = await post(
      '/v1/referrals',
      maracReferral({ person: person({ surname: 'Concurrent', dateOfBirth: '1970-01-01' }) }),
    ).expect(201);
    const caseId = made.body.caseId as string;
    await post(`/v1/cases/${caseId}/accept`, {}).expect(200);
    const results = await Promise.all([
      post(`/v1/cases/${caseId}/close`, { exitStatus: 'action-plan-completed' }),
      post(`/v1/cases/${caseId}/close`, { exitStatus: 'moved-out-of-area' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await store.readStream(`case-${caseId}`);
    expect(history.filter((e) => e.type === 'case-closed')).toHaveLength(1);
    expect(new Set(history.map((e) => e.revision)).size).toBe(history.length);
  });

  it('answers one of two commands pinned to the same revision and refuses the other with 412', async () => {
    const made = await post(
      '/v1/referrals',
      maracReferral({ person: person({ surname: 'Pinned', dateOfBirth: '1971-01-01' }) }),
    ).expect(201);
    const caseId = made.body.caseId as string;
    await post(`/v1/cases/${caseId}/accept`, {}).expect(200);
    const pinned = await Promise.all([
      post(`/v1/cases/${caseId}/risk-rating`, { rating: 'red' }, { 'If-Match': '"1"' }),
      post(`/v1/cases/${caseId}/risk-rating`, { rating: 'amber' }, { 'If-Match': '"1"' }),
    ]);
    expect(pinned.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = await store.readStream(`case-${caseId}`);
    expect(history.filter((e) => e.type === 'risk-rated')).toHaveLength(1);
  });

  it('serves reads after the position a command returned (X-Min-Position) and 503s on a position not yet reached', async () => {
    const made = await post(
      '/v1/referrals',
      iomReferral({}, { person: person({ surname: 'Reader', dateOfBirth: '1993-03-03' }) }),
    ).expect(201);
    await request(api.app.getHttpServer())
      .get(`/v1/cases/${made.body.caseId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Min-Position', String(made.body.position))
      .set('X-Purpose', 'case work')
      .expect(200);
    const bad = await request(api.app.getHttpServer())
      .get(`/v1/cases/${made.body.caseId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('X-Min-Position', 'soon');
    expect(bad.status).toBe(400);
  });
});
