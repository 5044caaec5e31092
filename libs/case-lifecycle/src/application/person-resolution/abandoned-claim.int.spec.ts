import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';
import { MatchingPersonResolver } from './matching-person-resolver';
import { claimPersonKey, keyHolder, personKeys } from './person-keys';
import type { ReferredPerson } from './person-resolver';

const requestContext = (): CommandContext => {
  const now = new Date().toISOString();
  return {
    actor: { id: 'u-coord', name: 'Test Coordinator', agency: 'Police', roles: ['coordinator'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: now,
    now,
    eventId: () => randomUUID(),
  };
};

// Synthetic.
const nadia: ReferredPerson = {
  forenames: 'Nadia',
  surname: 'Orphanclaim',
  dateOfBirth: '1991-07-07',
  identifiers: { pnc: '2011/0002002X' },
};

/**
 * A process that claimed a person's key and died before registering them leaves a claim naming
 * nobody; once it is old enough, the next referral of that person takes the key over, and of two
 * doing so at once, one registers and the other joins that person.
 */
describe('matching person resolver: an abandoned key claim (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const later = { now: () => Date.now() + ABANDONED_CLAIM_AFTER_MS + 1_000 };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-abandoned-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
    const [guard] = personKeys(nadia);
    if (guard === undefined) throw new Error('no key');
    await claimPersonKey(store, guard, randomUUID(), requestContext());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const registrations = async () => (await store.readAll({})).filter((e) => e.type === 'person-registered').length;

  it('answers 503 while the claim may still be a registration under way', async () => {
    await expect(new MatchingPersonResolver(store).resolve(nadia, requestContext())).rejects.toMatchObject({
      status: 503,
    });
    expect(await registrations()).toBe(0);
  });

  it('past the bound, two resolvers taking the claim over at once register one person', async () => {
    const [a, b] = await Promise.all([
      new MatchingPersonResolver(store, later).resolve(nadia, requestContext()),
      new MatchingPersonResolver(store, later).resolve(nadia, requestContext()),
    ]);
    expect(b.personId).toBe(a.personId);
    expect(await registrations()).toBe(1);
    for (const key of personKeys(nadia)) expect(await keyHolder(store, key)).toBe(a.personId);
  });
});
