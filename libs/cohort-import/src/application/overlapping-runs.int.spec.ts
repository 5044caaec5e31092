import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeterministicPersonResolver } from '../../../case-lifecycle/src/application/person-resolution/deterministic-person-resolver';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { BestEffortIdStore } from '../../../event-store/src/testing/best-effort-id-store';
import { importStream } from '../domain/import-events';
import { eventIdsFor } from '../testing/deterministic-ids';
import { COHORT_HEADER, UPLOAD_COORDINATOR } from '../testing/upload-coordinator';
import { CohortImportService, type CohortImportRequest } from './cohort-import.service';

// Synthetic people; PNCs carry correct check characters.
const ROWS = [
  `A100001,1979/0163001B,Ada,Testperson,01/02/1990,N1 1AA,80,40,N,licence`,
  `B100002,,Ben,Exampleson,1985-06-15,,55,35,Y,custody`,
  `C100003,,Cal,Sampleton,1992-11-30,N8 0AB,60,40,N,community order`,
  `E100005,,Eve,Madeupname,1995-07-07,,76,31,N,licence`,
];

/** `store`, except that its first append to `stream` waits for `resume` once written. */
function pausingAfterFirstAppendTo(
  stream: string,
  store: EventStore,
  reachedPause: () => void,
  resume: Promise<void>,
): EventStore {
  let paused = false;
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'append') return typeof value === 'function' ? value.bind(target) : value;
      const append: EventStore['append'] = async (name, events, options) => {
        const result = await target.append(name, events, options);
        if (name === stream && !paused) {
          paused = true;
          reachedPause();
          await resume;
        }
        return result;
      };
      return append;
    },
  });
}

describe('CohortImportService on a store whose event-id deduplication is best effort (EventStoreDB)', () => {
  let dir: string;
  let store: BestEffortIdStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cohort-overlap-'));
    store = new BestEffortIdStore(SqliteEventStore.inDataDir(dir, { synchronous: 'OFF' }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two overlapping runs of one upload (a lapsed lease) record each import event once', async () => {
    const input: CohortImportRequest = {
      month: '2024-01',
      csv: [COHORT_HEADER, ...ROWS].join('\n') + '\n',
      receivedAt: '2024-01-05T09:00:00.000Z',
    };
    const run = () => ({ principal: UPLOAD_COORDINATOR, correlationId: 'job-2024-01', eventIdFor: eventIdsFor(input) });
    const service = () => new CohortImportService(store, new DeterministicPersonResolver(store), undefined, 1);

    // The first run stops after its first batch event (its lease lapses); a second run of the job
    // does the whole upload; then the first one goes on with what it read at its start.
    let resume = (): void => undefined;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let reachedPause = (): void => undefined;
    const atPause = new Promise<void>((resolve) => (reachedPause = resolve));
    const stalled = pausingAfterFirstAppendTo(importStream('2024-01'), store, reachedPause, paused);
    const first = new CohortImportService(stalled, new DeterministicPersonResolver(stalled), undefined, 1).run(
      input,
      run(),
    );
    await atPause;
    await service().run(input, run());
    resume();
    await first;

    const ids = (await store.readStream(importStream('2024-01'))).map((event) => event.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual([...new Set(ids)]);
  });
});
