import { someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * Two processes of one release share a read-model file (an API and a worker) and a poison event
 * is in the log. Both move stream_totals, so each reloads its checkpoints whenever the other gets
 * there first; a reload must not forget that `poisoned` is failing, nor when to try it again.
 */

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fixture: ReadModelFixture;
let attempts = 0;

const poisoned: ProjectionDefinition = {
  name: 'poisoned',
  version: 1,
  migrate: (db) => db.exec(`CREATE TABLE ${db.table('folded')} (n INTEGER)`),
  apply: (db, event) => {
    if (event.type === 'poison') {
      attempts++;
      throw new Error('cannot fold poison');
    }
    db.prepare(`INSERT INTO ${db.table('folded')} VALUES (1)`).run();
  },
};

beforeEach(async () => {
  fixture = new ReadModelFixture();
  attempts = 0;
  await appendRandomEvents(fixture.store, 500, seededRandom(1));
  await fixture.store.append('bad-1', someEvents(1, 'poison'), { expected: 'any' });
});
afterEach(() => fixture.cleanUp());

describe('a failed projection while another process moves the file', () => {
  it('keeps its back-off and its error across the reloads the other process causes', async () => {
    // The first process has already found the poison: the row says failed.
    const a = fixture.runtime(fixture.open(), [streamTotalsProjection(1), poisoned], { retryDelayMs: 1_000 });
    await a.catchUp();
    expect(attempts).toBe(1);
    const b = fixture.runtime(fixture.open(), [streamTotalsProjection(1), poisoned], { retryDelayMs: 1_000 });
    a.start();
    b.start();

    const seenInB = new Set<string>();
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      await fixture.store.append('ledger-1', someEvents(1, 'amount-recorded'), { expected: 'any' });
      const status = b.status().find((s) => s.name === 'poisoned');
      seenInB.add(`${status?.state} ${status?.error ?? 'no error'}`);
      await sleep(25);
    }

    // a: at 1 s and 3 s; b: at once (it seeds from the row), then after 1 s and 2 s more. Without
    // the back-off every reload retried at once: hundreds of attempts.
    expect(attempts).toBeLessThanOrEqual(8);
    expect([...seenInB]).toEqual([expect.stringMatching(/^failed projection poisoned v1 failed on event poison/)]);
  });

  it('a process starting on a file whose row says failed reports the failure before its own first try', async () => {
    const a = fixture.runtime(fixture.open(), [streamTotalsProjection(1), poisoned]);
    await a.catchUp();
    await a.stop();

    const b = fixture.runtime(fixture.open(), [streamTotalsProjection(1), poisoned]);
    b.initialise();

    expect(b.status().find((s) => s.name === 'poisoned')).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('failed on event poison at position 500') as string,
    });
    expect(attempts).toBe(1);
  });
});
