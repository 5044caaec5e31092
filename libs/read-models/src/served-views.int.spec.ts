import type { RecordedEvent } from '../../event-store/src/port/event-envelope';
import { anEvent, someEvents } from '../../event-store/src/testing/event-fixtures';
import type { ProjectionDefinition } from './projection-definition';
import type { ProjectorRuntime } from './projector-runtime';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

/**
 * `X-Min-Position` waits on the views a route reads. Another view failing, or frozen while its new
 * version is rebuilt, must not hold that route up; and a view the route does read that cannot get
 * there within the wait is refused at once, with the reason, rather than waited out.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const stateOf = (runtime: ProjectorRuntime, name: string, version?: number) =>
  runtime.status().find((s) => s.name === name && (version === undefined || s.version === version))?.state;

/** `base`, throwing on every event while `gate.broken`. */
function breakable(base: ProjectionDefinition, gate: { broken: boolean }): ProjectionDefinition {
  return {
    ...base,
    apply(db, event: RecordedEvent) {
      if (gate.broken) throw new Error(`${base.name} v${base.version} cannot apply ${event.type} yet`);
      base.apply(db, event);
    },
  };
}

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

describe('waiting on the views a route reads', () => {
  it('answers for a live view while another has failed, and refuses the failed one at once when no retry falls within the wait', async () => {
    const gate = { broken: false };
    const fragile = breakable({ ...typeCountsProjection(), name: 'fragile' }, gate);
    // The failed view is retried after a minute: past any wait below.
    const runtime = fixture.runtime(fixture.open(), [fragile, streamTotalsProjection()], { retryDelayMs: 60_000 });
    await fixture.store.append('item-1', someEvents(2, 'item-opened'), { expected: 'no-stream' });
    runtime.start();
    await until(() => stateOf(runtime, 'fragile') === 'live', 'fragile to answer queries');

    gate.broken = true;
    const { position } = await fixture.store.append('item-2', [anEvent({ type: 'item-closed' })], {
      expected: 'no-stream',
    });
    await until(() => stateOf(runtime, 'fragile') === 'failed', 'fragile to fail');

    expect(await runtime.waitUntilProcessed(position, 5_000, ['stream_totals'])).toBe(true);
    expect(await runtime.reach(position, 5_000, ['stream_totals', 'fragile'])).toEqual({
      reached: false,
      refusal: { rule: 'read-model-failed', message: expect.stringContaining('fragile (version 1) failed') },
    });
  });

  it('refuses at once a view frozen at an earlier position while its new version is rebuilt, answers up to it, and names it', async () => {
    const first = fixture.runtime(fixture.open(), [streamTotalsProjection(1), typeCountsProjection()]);
    await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
    await first.catchUp();
    await first.stop();
    const frozenAt = await fixture.store.headPosition();

    // The release that bumps stream_totals to v2; its rebuild is held part-way (its batches fail).
    const held = breakable(streamTotalsProjection(2), { broken: true });
    const bumped = fixture.runtime(fixture.open(), [held, typeCountsProjection()], { retryDelayMs: 60_000 });
    bumped.start();
    const { position } = await fixture.store.append('item-2', someEvents(1, 'item-opened'), { expected: 'no-stream' });
    await until(() => stateOf(bumped, 'stream_totals', 2) === 'failed', 'v2 to be held');

    expect(stateOf(bumped, 'stream_totals', 1)).toBe('frozen');
    expect(await bumped.waitUntilProcessed(position, 5_000, ['type_counts'])).toBe(true);
    expect(await bumped.reach(position, 5_000, ['stream_totals'])).toEqual({
      reached: false,
      refusal: {
        rule: 'read-model-rebuilding',
        message: expect.stringContaining(`version 1 answers until then, frozen at position ${frozenAt.toString()}`),
      },
    });
    expect(await bumped.reach(frozenAt, 5_000, ['stream_totals'])).toEqual({ reached: true });
    expect(bumped.previousVersionsAnswering(['stream_totals', 'type_counts'])).toEqual([
      { name: 'stream_totals', version: 1, rebuilding: 2, position: frozenAt },
    ]);
    expect(bumped.previousVersionsAnswering(['type_counts'])).toEqual([]);
  });
});
