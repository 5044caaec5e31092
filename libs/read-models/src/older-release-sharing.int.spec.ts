import { someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectorRuntime, RuntimeLog } from './projector-runtime';
import { checkpointsIn } from './testing/projector-child';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * Mid-deploy, an older release (registering stream_totals v1) shares the read-model file with a
 * newer one (v2). The older release must neither undo the newer one's work nor misreport it.
 */

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const v2Of = (file: string) => checkpointsIn(file).find((row) => row.version === 2);
const positionOf = (runtime: ProjectorRuntime, version: number) =>
  runtime.status().find((s) => s.version === version)?.position;

function warnings(): { log: RuntimeLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: { log: () => undefined, warn: (m) => lines.push(m), error: () => undefined } };
}

let fixture: ReadModelFixture;
beforeEach(async () => {
  fixture = new ReadModelFixture();
  await appendRandomEvents(fixture.store, 3_000, seededRandom(1));
  // v1, fully built, as the previous deployment left it.
  const first = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
  await first.catchUp();
  await first.stop();
});
afterEach(() => fixture.cleanUp());

describe('an older release and a newer release rebuilding its version in the background', () => {
  it('the older release leaves the newer version, tables and checkpoint, where it was, and reports it', async () => {
    const newer = fixture.runtime(fixture.open(), [streamTotalsProjection(2)], { batchSize: 100 });
    newer.start();
    await until(() => (positionOf(newer, 2) ?? -1n) > 500n, 'v2 part-way through its rebuild');
    await newer.stop();
    const partWay = v2Of(fixture.file());
    expect(partWay).toMatchObject({ state: 'rebuilding' });

    const { log, lines } = warnings();
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)], { log });
    older.initialise();

    expect(v2Of(fixture.file())).toEqual(partWay);
    const tables = fixture.open().prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'stream_totals_v2_%'");
    expect(tables.pluck().all()).toEqual(['stream_totals_v2_totals']);
    expect(older.status()).toEqual([
      expect.objectContaining({ version: 1, active: true }),
      expect.objectContaining({ version: 2, active: false, state: 'rebuilding', position: partWay?.position }),
    ]);
    expect(lines).toEqual([expect.stringMatching(/stream_totals v2, newer than this release's v1, is being rebuilt/)]);

    // The newer release resumes where it stopped rather than from the start.
    const resumed = fixture.runtime(fixture.open(), [streamTotalsProjection(2)]);
    resumed.initialise();
    expect(positionOf(resumed, 2)).toBe(partWay?.position);
  });

  it('with both running (both moving v1) and live appends, v2 never loses progress and switches over', async () => {
    const newer = fixture.runtime(fixture.open(), [streamTotalsProjection(1), streamTotalsProjection(2)], {
      batchSize: 50,
      pageSize: 50,
    });
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)], { batchSize: 50 });
    newer.start();
    older.start();
    let stop = false;
    const appending = (async () => {
      while (!stop) {
        await fixture.store.append('ledger-1', someEvents(1, 'amount-recorded'), { expected: 'any' });
        await sleep(20);
      }
    })();
    const resets: string[] = [];
    let last: bigint | undefined;
    try {
      await until(
        () => {
          const v2 = v2Of(fixture.file());
          if (last !== undefined && (v2 === undefined || v2.position < last)) {
            resets.push(`${last} -> ${v2?.position ?? 'gone'}`);
          }
          last = v2?.position ?? last;
          return newer.status().some((s) => s.version === 2 && s.active);
        },
        'v2 to switch over',
        15_000,
      );
    } finally {
      stop = true;
      await appending;
    }
    expect(resets).toEqual([]);
  });
});

describe('an older release while a newer version, moved by the newer release, answers queries', () => {
  async function newerActive(): Promise<ProjectorRuntime> {
    const newer = fixture.runtime(fixture.open(), [streamTotalsProjection(2)]);
    newer.start();
    await until(() => newer.status().some((s) => s.version === 2 && s.active), 'v2 to switch over');
    return newer;
  }

  it('reports that version at the newer release’s checkpoint, not at the one it saw on start', async () => {
    const newer = await newerActive();
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    older.start();
    for (let i = 0; i < 5; i++) {
      await fixture.store.append('ledger-1', someEvents(5, 'amount-recorded'), { expected: 'any' });
      await sleep(50);
    }
    const head = await fixture.store.headPosition();
    await until(() => newer.status().every((s) => s.position === head), 'the newer release to reach the head');

    expect(older.status()).toEqual([expect.objectContaining({ version: 2, position: head, state: 'frozen' })]);
    expect(await older.lag(head)).toEqual([
      expect.objectContaining({ version: 2, position: head.toString(), lagEvents: 0, lagSeconds: 0 }),
    ]);
    expect(await older.waitUntilProcessed(head, 0)).toBe(true);
  });

  it('X-Min-Position in the older release is answered once the newer release has processed it', async () => {
    const newer = await newerActive();
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    older.start();
    await newer.stop();
    await fixture.store.append('ledger-1', someEvents(5, 'amount-recorded'), { expected: 'any' });
    const head = await fixture.store.headPosition();

    const waited = older.waitUntilProcessed(head, 5_000);
    await sleep(100);
    fixture.runtime(fixture.open(), [streamTotalsProjection(2)]).start();

    expect(await waited).toBe(true);
  });

  it('still waits, and times out, while nobody moves that version past the position', async () => {
    await (await newerActive()).stop();
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    older.start();
    await fixture.store.append('ledger-1', someEvents(1, 'amount-recorded'), { expected: 'any' });

    expect(await older.waitUntilProcessed(await fixture.store.headPosition(), 300)).toBe(false);
  });
});
