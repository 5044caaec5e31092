import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

jest.setTimeout(30_000);

const until = async (done: () => boolean, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('two releases sharing a read-model file mid-deploy', () => {
  let fixture: ReadModelFixture;
  beforeEach(async () => {
    fixture = new ReadModelFixture();
    await appendRandomEvents(fixture.store, 3_000, seededRandom(1));
    const first = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    await first.catchUp();
    await first.stop();
  });
  afterEach(() => fixture.cleanUp());

  it('never lets the older release take back a newer version: no rebuild loop, one switch-over', async () => {
    const lines: string[] = [];
    const log = (who: string) => ({
      log: (m: string) => lines.push(`${who}: ${m}`),
      warn: (m: string) => lines.push(`${who} warn: ${m}`),
      error: (m: string) => lines.push(`${who} error: ${m}`),
    });
    const newer = fixture.runtime(fixture.open(), [streamTotalsProjection(2)], { log: log('newer'), batchSize: 500 });
    const older = fixture.runtime(fixture.open(), [streamTotalsProjection(1)], { log: log('older'), batchSize: 500 });
    newer.start();
    older.start();
    await until(() => newer.status().some((s) => s.version === 2 && s.active));
    for (let i = 0; i < 10; i++) {
      await fixture.store.append('ledger-1', someEvents(5, 'amount-recorded'), { expected: 'any' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const head = await fixture.store.headPosition();
    await until(() => newer.status().every((s) => s.position === head));

    const takeovers = lines.filter((line) => line.includes('now answers queries'));
    expect(takeovers).toEqual([expect.stringMatching(/^newer: .*stream_totals v2 now answers queries/)]);
    expect(lines.some((line) => line.startsWith('older warn:') && line.includes('newer than this release'))).toBe(true);
    expect(older.status()).toEqual([expect.objectContaining({ version: 2, active: true, state: 'frozen' })]);
    await Promise.all([newer.stop(), older.stop()]);

    // Going back on purpose: the older release rebuilds its own version from scratch.
    const rolledBack = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    const statuses = await rolledBack.rebuild('stream_totals');
    expect(statuses).toEqual([expect.objectContaining({ version: 1, active: true, state: 'live', position: head })]);
  });
});
