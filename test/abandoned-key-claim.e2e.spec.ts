import { rejectedByIom } from './support/iom-cases';
import { randomUUID } from 'node:crypto';
import {
  ABANDONED_CLAIM_AFTER_MS,
  ResolutionClock,
} from '../libs/case-lifecycle/src/application/person-resolution/abandoned-claims';
import {
  claimPersonKey,
  keyHolder,
  personKeys,
} from '../libs/case-lifecycle/src/application/person-resolution/person-keys';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

// Synthetic nominal.
const nominal = {
  forenames: 'Corin',
  surname: 'Halfwritten',
  dateOfBirth: '1993-02-11',
  sex: 'male',
  identifiers: { pnc: '2013/0004004Z' },
};

/**
 * A process that died between claiming a person's key and registering them (a request cut off, a
 * job never retried) left a claim naming nobody. Referrals of that person must not fail for good:
 * while the registration may still be under way they are told to come back, and once the claim is
 * old enough the next referral registers the person itself.
 */
describe('a referral of a person whose key an unfinished registration claimed', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  const registrations = async () =>
    (await store().readAll({})).filter(
      (e) =>
        e.type === 'person-registered' &&
        (e.data as { details: { surname: string } }).details.surname === nominal.surname,
    ).length;
  const orphan = randomUUID();

  beforeAll(async () => {
    const [guard] = personKeys(nominal);
    if (guard === undefined) throw new Error('no key');
    const now = new Date().toISOString();
    await claimPersonKey(store(), guard, orphan, {
      actor: { id: 'u-dead', name: 'A request that died', agency: 'Probation', roles: ['coordinator'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: now,
      now,
      eventId: () => randomUUID(),
    });
  });

  it('is told to retry (503 with Retry-After), not a 500, while the registration may still be under way', async () => {
    const refused = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { person: person(nominal) }),
    );
    expect(refused.status).toBe(503);
    // A claim made just now is most likely a live registration about to finish: retry at once.
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body.message).toContain('retry in 1 s');
    expect(await registrations()).toBe(0);
  });

  it('is told to come back when the claim is set aside once it has stood too long for a live registration', async () => {
    const clock = jest
      .spyOn(api.app.get(ResolutionClock), 'now')
      .mockImplementation(() => Date.now() + ABANDONED_CLAIM_AFTER_MS - 10_000);
    try {
      const refused = await client.post(
        '/v1/referrals',
        tokens.coordinator,
        iomReferral({}, { person: person(nominal) }),
      );
      expect(refused.status).toBe(503);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(5);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect(refused.body.message).toContain(`retry in ${retryAfter} s`);
      expect(await registrations()).toBe(0);
    } finally {
      clock.mockRestore();
    }
  });

  it('once the claim is abandoned, registers the person once and takes the key over', async () => {
    jest
      .spyOn(api.app.get(ResolutionClock), 'now')
      .mockImplementation(() => Date.now() + ABANDONED_CLAIM_AFTER_MS + 1_000);
    const made = await client.post('/v1/referrals', tokens.coordinator, iomReferral({}, { person: person(nominal) }));
    expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
    const { personId } = made.body as { personId: string };
    expect(personId).not.toBe(orphan);
    await rejectedByIom(client, tokens.coordinator, (made.body as { caseId: string }).caseId);

    const again = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral({}, { referredAt: '2024-04-01T10:00:00Z', person: person(nominal) }),
    );
    expect(again.status).toBe(201);
    expect(again.body.personId).toBe(personId);
    expect(await registrations()).toBe(1);
    for (const key of personKeys(nominal)) expect(await keyHolder(store(), key)).toBe(personId);
  });
});
