import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ResolutionClock } from '../libs/case-lifecycle/src/application/person-resolution/abandoned-claims';
import { MatchingPersonResolver } from '../libs/case-lifecycle/src/application/person-resolution/matching-person-resolver';
import { PERSON_RESOLVER } from '../libs/case-lifecycle/src/application/person-resolution/person-resolver';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { BUILT_IN_MATCHING_MODEL } from '../libs/identity/src/config/configured-matching-model';
import { APP_CONFIG, type AppConfig } from '../libs/platform/src/config/app-config';
import { startApiWithStandIn } from './support/api-with-stand-in';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

// Synthetic people only.
const victim = person({ forenames: 'Morwenna', surname: 'Penhallow', dateOfBirth: '1986-07-19', postcode: 'TR1 2QX' });
const otherVictim = person({ forenames: 'Idony', surname: 'Carlyon', dateOfBirth: '1993-11-02', postcode: 'PL4 8HN' });

interface HeldLog {
  readonly store: EventStore;
  /** Settles when the matcher first asks for a page of the log. */
  readonly reading: Promise<void>;
  release(): void;
}

/** The log as the matcher reads it: every `readAll` waits until `release()`. */
function heldReads(store: EventStore): HeldLog {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = (): void => undefined;
  const reading = new Promise<void>((resolve) => (asked = resolve));
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'readAll') {
        return async (...args: Parameters<EventStore['readAll']>) => {
          asked();
          await held;
          return target.readAll(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, reading, release };
}

interface Ready {
  readonly eventStore: { readonly headPosition: string };
  readonly components?: readonly { name: string; state: string; eventsRead: number; position: string }[];
  readonly degraded: readonly { name: string; state: string }[];
}

/**
 * After a restart the matcher's index of people reads the whole log (over a minute for a million
 * events). It used to do so inside the first referral, with every referral queued behind it while
 * `/ready` said all was well, so a proxy's timeout cut referrals off that were then still
 * recorded. Now it reads from start-up: `/ready` says so, a referral waits for it only as long as a
 * read waits for its own writes (no wait at all here) and is then refused, writing nothing, and
 * nothing else waits for it.
 */
describe('a restart before the person matcher has read the log', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-matcher-'));
  let token: string;
  let seeded: { personId: string; caseId: string };
  let app: NestExpressApplication;
  let matcherLog: HeldLog | undefined;

  const post = (url: string, body: unknown) =>
    request(app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const ready = async (): Promise<Ready> =>
    (await request(app.getHttpServer()).get('/ready').expect(200)).body as Ready;

  beforeAll(async () => {
    token = await tokenFor(COORDINATOR_ALL_PANELS);
    app = await startApiWithStandIn(dataDir, (builder) => builder);
    const made = await post('/v1/referrals', maracReferral({ person: victim })).expect(201);
    seeded = { personId: made.body.personId as string, caseId: made.body.caseId as string };
    await app.close();

    app = await startApiWithStandIn(
      dataDir,
      (builder) =>
        builder.overrideProvider(PERSON_RESOLVER).useFactory({
          inject: [EVENT_STORE, ResolutionClock, APP_CONFIG],
          factory: (store: EventStore, clock: ResolutionClock, config: AppConfig) => {
            const held = heldReads(store);
            matcherLog = held;
            return new MatchingPersonResolver(held.store, clock, config.matchingModel ?? BUILT_IN_MATCHING_MODEL);
          },
        }),
      { READ_YOUR_WRITES_TIMEOUT_MS: '0' },
    );
  });

  afterAll(async () => {
    matcherLog?.release();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so in /ready: the matcher, reading from start-up, is catching up, listed under degraded, while /health answers', async () => {
    // Before any referral: the read began at start-up.
    await matcherLog?.reading;
    await request(app.getHttpServer()).get('/health').expect(200);
    const answer = await ready();
    expect(answer.components).toEqual([
      { name: 'person_matcher', state: 'catching-up', eventsRead: 0, position: '-1' },
    ]);
    expect(answer.degraded).toContainEqual({ name: 'person_matcher', state: 'catching-up' });
  });

  it('refuses a referral with 503 matcher-warming-up and Retry-After, recording nothing', async () => {
    const head = (await ready()).eventStore.headPosition;

    const refused = await post('/v1/referrals', maracReferral({ person: otherVictim }));

    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ statusCode: 503, rule: 'matcher-warming-up' });
    expect((await ready()).eventStore.headPosition).toBe(head);
  });

  it('still refuses a bad referral form at once with 400 naming the field', async () => {
    const bad = await post('/v1/referrals', maracReferral({ person: { ...victim, dateOfBirth: 'not-a-date' } }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('person.dateOfBirth');
  });

  it('does not hold commands that resolve no one', async () => {
    await post(`/v1/cases/${seeded.caseId}/accept`, {}).expect(200);
  });

  it('links a referral of a known person as before once the matcher has read the log', async () => {
    matcherLog?.release();
    let answer = await ready();
    while (answer.degraded.some(({ name }) => name === 'person_matcher')) {
      await new Promise((resolve) => setImmediate(resolve));
      answer = await ready();
    }
    expect(answer.components).toEqual([expect.objectContaining({ name: 'person_matcher', state: 'live' })]);
    expect(answer.components?.[0]?.eventsRead).toBeGreaterThan(0);

    const again = await post('/v1/referrals', maracReferral({ person: victim, referredAt: '2024-06-03T09:00:00Z' }));

    expect(again.status).toBe(201);
    expect(again.body.personId).toBe(seeded.personId);
  });
});
