import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../../event-store/src/sqlite/sqlite-event-store';
import { MatchingPersonResolver } from './matching-person-resolver';
import { adaeze } from './testing/adaeze';
import { freshContext } from './testing/fresh-context';

const context = freshContext;

const ada = adaeze;

describe('matching person resolver (real SQLite log)', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resolver-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds its index from the log, so a restarted process still knows everyone', async () => {
    const first = await new MatchingPersonResolver(store).resolve(ada, context());
    expect(first.registered).toBe(true);
    const restarted = new MatchingPersonResolver(store);
    expect(await restarted.lookup({ ...ada, surname: 'Fairwether' })).toBe(first.personId);
    const again = await restarted.resolve({ ...ada, surname: 'Fairwether' }, context());
    expect(again).toMatchObject({ personId: first.personId, registered: false });
    const linked = await store.readStream(`identity-${first.personId}`);
    expect(linked.map((e) => e.type)).toEqual(['person-record-linked']);
    expect(linked[0]?.data).toMatchObject({ score: expect.any(Number), levels: { surname: expect.any(String) } });
  });

  it('lets two processes referring the same new person at once agree on one person', async () => {
    const [a, b] = await Promise.all([
      new MatchingPersonResolver(store).resolve(ada, context()),
      new MatchingPersonResolver(store).resolve(ada, context()),
    ]);
    expect(a.personId).toBe(b.personId);
    expect([a.registered, b.registered].sort()).toEqual([false, true]);
  });

  it('writes nothing when only looking up', async () => {
    await new MatchingPersonResolver(store).lookup(ada);
    expect(await store.headPosition()).toBe(-1n);
  });
});
