import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../../event-store/src/testing/event-fixtures';
import { GappedPositionStore } from '../../../event-store/src/testing/gapped-position-store';
import { replayLog } from './replay-log';

describe('replayLog', () => {
  let dir: string;
  let store: GappedPositionStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-log-'));
    store = new GappedPositionStore(new SqliteEventStore({ filename: join(dir, 'events.sqlite'), synchronous: 'OFF' }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays a log whose positions are offsets with gaps (as on EventStoreDB), and reports events, not positions', async () => {
    for (let i = 0; i < 5; i++) await store.append(`case-${i}`, someEvents(2), { expected: 'no-stream' });
    await store.append('person-1', someEvents(1, 'person-registered'), { expected: 'no-stream' });
    const seen: string[] = [];
    const progress: [number, number][] = [];
    const total = await replayLog(store, [{ eventTypes: ['referral-made'], apply: (e) => void seen.push(e.id) }], {
      onPage: (done, all) => void progress.push([done, all]),
    });
    expect(seen).toHaveLength(10);
    expect(total).toBe(11);
    expect(progress.at(-1)).toEqual([11, 11]);
  });

  it('reports an empty log as no events', async () => {
    const progress: [number, number][] = [];
    expect(await replayLog(store, [], { onPage: (done, all) => void progress.push([done, all]) })).toBe(0);
    expect(progress).toEqual([[0, 0]]);
  });
});
