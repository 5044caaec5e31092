import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { ABANDONED_CLAIM_AFTER_MS } from './abandoned-claims';
import { MatchingPersonResolver } from './matching-person-resolver';
import { crashingOnce, stallingOnce } from './testing/store-faults';
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

/** As a job gives it: a retried row derives the same ids. */
const rowContext = (row: string): CommandContext => {
  const now = new Date().toISOString();
  return {
    ...requestContext(),
    correlationId: 'job-abandoned',
    causationId: 'job-abandoned',
    occurredAt: now,
    now,
    eventId: (index) => {
      const hex = createHash('sha256').update(`${row}/${index}`).digest('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    deterministicIds: true,
  };
};

const isPersonStream = (stream: string): boolean => stream.startsWith('person-');

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

/**
 * The claimant is alive but slow (or the taker-over's clock runs ahead): its claim only looks
 * abandoned. Whichever of the two writes to the claimant's person stream first wins; the other
 * joins that person, so she is never registered twice.
 */
describe('matching person resolver: a claim that only looks abandoned (real SQLite log)', () => {
  let dir: string;
  let store: SqliteEventStore;
  /** Another process whose clock runs 31 s ahead of the claimant's. */
  const ahead = { now: () => Date.now() + ABANDONED_CLAIM_AFTER_MS + 1_000 };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-stalled-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const written = async (type: string) => (await store.readAll({})).filter((e) => e.type === type).length;

  it('the claimant stalled before registering: the taker-over registers her, the claimant joins that person', async () => {
    const claimant = stallingOnce(store, isPersonStream);
    const first = new MatchingPersonResolver(claimant.store).resolve(nadia, requestContext());
    await claimant.held;
    const takenOver = await new MatchingPersonResolver(store, ahead).resolve(nadia, requestContext());
    claimant.release();
    const resumed = await first;

    expect(await written('person-registered')).toBe(1);
    expect(takenOver.registered).toBe(true);
    expect(resumed).toMatchObject({ personId: takenOver.personId, registered: false });
    for (const key of personKeys(nadia)) expect(await keyHolder(store, key)).toBe(takenOver.personId);
  });

  it('the claimant registers before the taker-over sets it aside: the taker-over joins her', async () => {
    const claimant = stallingOnce(store, isPersonStream);
    const first = new MatchingPersonResolver(claimant.store).resolve(nadia, requestContext());
    await claimant.held;
    const taker = stallingOnce(store, isPersonStream);
    const second = new MatchingPersonResolver(taker.store, ahead).resolve(nadia, requestContext());
    await taker.held;
    claimant.release();
    const registered = await first;
    taker.release();
    const joined = await second;

    expect(await written('person-registered')).toBe(1);
    expect(registered.registered).toBe(true);
    expect(joined).toMatchObject({ personId: registered.personId, registered: false });
  });

  it('a job row whose claim was taken over while it was down finishes as the person registered since', async () => {
    const row = rowContext('2024-03/person/nadia');
    await expect(new MatchingPersonResolver(crashingOnce(store, isPersonStream)).resolve(nadia, row)).rejects.toThrow(
      'process died',
    );
    const takenOver = await new MatchingPersonResolver(store, ahead).resolve(nadia, requestContext());
    const retried = await new MatchingPersonResolver(store).resolve(nadia, row);

    expect(retried).toMatchObject({ personId: takenOver.personId, registered: false });
    const again = await new MatchingPersonResolver(store).resolve(nadia, row);
    expect(again).toMatchObject({ personId: takenOver.personId, registered: false });
    expect(await written('person-registered')).toBe(1);
    expect(await written('person-record-linked')).toBe(1);
  });

  it('a job row set aside by a taker-over that died too registers under a new id, the same on every retry', async () => {
    const row = rowContext('2024-03/person/nadia');
    const [guard] = personKeys(nadia);
    if (guard === undefined) throw new Error('no key');
    await expect(new MatchingPersonResolver(crashingOnce(store, isPersonStream)).resolve(nadia, row)).rejects.toThrow(
      'process died',
    );
    const setAside = await keyHolder(store, guard);
    // The taker-over dies after setting the row's registration aside, before claiming the key.
    const keyClaims = (stream: string) => stream.startsWith('personkey-');
    await expect(
      new MatchingPersonResolver(crashingOnce(store, keyClaims), ahead).resolve(nadia, requestContext()),
    ).rejects.toThrow('process died');

    const retried = await new MatchingPersonResolver(store).resolve(nadia, row);
    expect(retried.registered).toBe(true);
    expect(retried.personId).not.toBe(setAside);
    expect(await new MatchingPersonResolver(store).resolve(nadia, row)).toMatchObject({ personId: retried.personId });
    expect(await written('person-registered')).toBe(1);
    for (const key of personKeys(nadia)) expect(await keyHolder(store, key)).toBe(retried.personId);
  });
});
