import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { anEvent } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

/**
 * A reader deciding whether to wait for a failed view asks when this process retries it: only a
 * started runtime retries, and only the versions it runs.
 */

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

const NOW = Date.parse('2024-06-01T10:00:00Z');

const failsOnClose: ProjectionDefinition = {
  ...typeCountsProjection(),
  name: 'fragile',
  apply(db, event: RecordedEvent) {
    if (event.type === 'item-closed') throw new Error('synthetic: cannot handle item-closed');
    typeCountsProjection().apply(db, event);
  },
};

async function failedOnce() {
  await fixture.store.append('item-1', [anEvent({ type: 'item-closed' })], { expected: 'no-stream' });
  // A clock that stands still: the retry never comes due, so its time stays put.
  const runtime = fixture.runtime(fixture.open(), [failsOnClose, streamTotalsProjection()], {
    clock: () => new Date(NOW),
    retryDelayMs: 1_500,
  });
  await runtime.catchUp();
  return runtime;
}

describe('ProjectorRuntime.nextRetryAt', () => {
  it('says when a started runtime retries a failed version, and nothing for a healthy or unknown one', async () => {
    const runtime = await failedOnce();
    runtime.start();
    expect(runtime.nextRetryAt('fragile', 1)).toBe(NOW + 1_500);
    expect(runtime.nextRetryAt('stream_totals', 1)).toBeUndefined();
    expect(runtime.nextRetryAt('fragile', 2)).toBeUndefined();
  });

  it('says nothing while the runtime is not following the log: nobody retries then', async () => {
    const runtime = await failedOnce();
    expect(runtime.status().find((version) => version.name === 'fragile')?.state).toBe('failed');
    expect(runtime.nextRetryAt('fragile', 1)).toBeUndefined();
    runtime.start();
    await runtime.stop();
    expect(runtime.nextRetryAt('fragile', 1)).toBeUndefined();
  });
});
