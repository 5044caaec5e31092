import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { EventToAppend } from '../libs/event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { maracReferral } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';
import { listenOnLoopback } from './support/wire';

/** Far more than one subscription page (500 events): the replay reads about 40 pages. */
const FILLER_EVENTS = 20_000;
const PER_APPEND = 500;

/** Events no report reads, so the replay's type filter skips whole pages of them. */
function fillerEvents(count: number): EventToAppend[] {
  const at = '2024-04-01T09:00:00.000Z';
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type: 'synthetic-filler-recorded',
    data: { index },
    metadata: {
      actor: { id: 'filler', name: 'Synthetic Filler', agency: 'Test Agency', roles: [] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: at,
      recordedAt: at,
      schemaVersion: 1,
    },
  }));
}

/**
 * An analytics report replays the whole log; on the embedded store that replay used to run
 * without handing the event loop back, so every other request (the liveness probe included)
 * waited for it. A `/health` sent while the replay is under way must be answered first. Ordering
 * only: the report still has its ~40 pages to read when the probe arrives.
 */
describe('requests are answered while a report replays a long log', () => {
  const { api, tokens } = apiForSuite({ analyst: ANALYST, coordinator: COORDINATOR_ALL_PANELS });
  let base: string;
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);

  beforeAll(async () => {
    base = `http://127.0.0.1:${await listenOnLoopback(api.app)}`;
    for (let appended = 0; appended < FILLER_EVENTS; appended += PER_APPEND) {
      await store().append(`filler-${randomUUID()}`, fillerEvents(PER_APPEND), { expected: 'no-stream' });
    }
    // A referral at the head: the report has one to count, and the filler lies behind it.
    await request(base)
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${tokens.coordinator}`)
      .send(maracReferral())
      .expect(201);
    await projectionsCaughtUp();
  }, 120_000);

  /** The projections' own subscriptions are open before the report's, which is then the next one. */
  async function projectionsCaughtUp(): Promise<void> {
    for (;;) {
      const { body } = await request(base).get('/ready').expect(200);
      const projections = (body as { projections: { lagEvents: number }[] }).projections;
      if (projections.every((projection) => projection.lagEvents === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('answers /health sent during a report replay before the report', async () => {
    const subscribe = store().subscribeAll.bind(store());
    let replayStarted!: () => void;
    const replaying = new Promise<void>((resolve) => (replayStarted = resolve));
    jest.spyOn(store(), 'subscribeAll').mockImplementationOnce((options) => {
      replayStarted();
      return subscribe(options);
    });
    const finished: string[] = [];
    const report = request(base)
      .get('/v1/analytics/marac/repeat-rate?from=2024-01-01&to=2024-12-31')
      .set('Authorization', `Bearer ${tokens.analyst}`)
      .then((answer) => {
        finished.push('report');
        return answer;
      });
    await replaying;
    const health = request(base)
      .get('/health')
      .then((answer) => {
        finished.push('health');
        return answer;
      });
    const [reported, healthy] = await Promise.all([report, health]);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ referrals: 1 });
    expect(healthy.body).toEqual({ status: 'ok' });
    expect(finished).toEqual(['health', 'report']);
  });
});
