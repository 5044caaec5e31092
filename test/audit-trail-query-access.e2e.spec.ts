import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { iomReferral } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

describe('recorded views carry the basis on which the reader saw the record', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("records a panel member's case view, history and person view with the panel(s) they came through", async () => {
    const server = api.app.getHttpServer();
    const token = await tokenFor(COORDINATOR_ALL_PANELS);
    const made = await request(server)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${token}`)
      .send(iomReferral())
      .expect(201);
    const { caseId, personId } = made.body as { caseId: string; personId: string };
    for (const url of [`/v1/cases/${caseId}`, `/v1/cases/${caseId}/events`, `/v1/people/${personId}`]) {
      await request(server)
        .get(url)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Purpose', 'case review')
        .expect(200);
    }
    const views = (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll()).filter((e) =>
      ['case-viewed', 'person-viewed'].includes(e.type),
    );
    expect(views.map((e) => [e.type, (e.data as { access?: unknown }).access])).toEqual([
      ['case-viewed', { via: 'panel', panel: 'IOM' }],
      ['case-viewed', { via: 'panel', panel: 'IOM' }],
      ['person-viewed', { via: 'panel', panels: ['IOM'] }],
    ]);
  });
});
