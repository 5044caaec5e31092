import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { maracReferral, person } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('a past day of the cohort, paged over HTTP', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });

  const refer = (forenames: string, referredAt: string) =>
    request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${token}`)
      .send(maracReferral({ person: person({ forenames, surname: 'Paged', dateOfBirth: '1985-05-05' }), referredAt }))
      .expect(201);
  const page = (offset: number) =>
    request(api.app.getHttpServer())
      .get(`/v1/panels/MARAC/cohort?asOf=2024-06-01&limit=1&offset=${offset}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);

  it('reads the whole log once for all its pages, though each audited read appends to the log', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const [name, at] of [
      ['Ada', '2024-05-01T10:00:00Z'],
      ['Bea', '2024-05-02T10:00:00Z'],
      ['Cat', '2024-05-03T10:00:00Z'],
    ] as const)
      await refer(name, at);
    // The real store, watched: a replay is a read of the log from its start.
    const readAll = jest.spyOn(store, 'readAll');
    const headBefore = await store.headPosition();
    const pages = [await page(0), await page(1), await page(2)];
    const fromStart = readAll.mock.calls.filter(([options]) => options?.fromPosition === undefined);
    readAll.mockRestore();

    expect(await store.headPosition()).toBeGreaterThan(headBefore); // the reads were audited
    expect(fromStart).toHaveLength(1);
    expect(pages.map((p) => p.body.total)).toEqual([3, 3, 3]);
    expect(new Set(pages.map((p) => (p.body.items as { caseId: string }[])[0]?.caseId)).size).toBe(3);

    // A referral recorded now about 20 May is in the same past day's next page.
    await refer('Dot', '2024-05-20T10:00:00Z');
    expect((await page(0)).body.total).toBe(4);
  });
});
