import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ProjectionNotAvailableError, ReadModelDatabase } from './read-model-database';
import { rebuildReadModels } from './rebuild-command';
import { registeredProjections } from './registered-projections';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { streamTotalsProjection } from './testing/sample-projections';

/**
 * A version with no older one to serve (a fresh read-model file, a `projections:rebuild` killed
 * part-way, `--force` under a running service) holds part of the log. Answering from it would
 * show a cohort missing cases, or a known person as unknown, as if that were the whole truth:
 * it must answer 503 `read-model-rebuilding` until it reaches the head, and the service must not
 * call it live meanwhile.
 */

jest.setTimeout(60_000);

const EVENTS = 20_000;

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture();
});
afterEach(() => fixture.cleanUp());

/** What a query of stream_totals answers now, through a reader connection as the API's services use. */
function answerOf(reader: ReadModelDatabase): string {
  try {
    const total = reader
      .statement<number>('stream_totals', (t) => `SELECT coalesce(sum(events), 0) FROM ${t.table('totals')}`)
      .pluck()
      .get();
    return `200 total=${String(total)}`;
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return '503';
    throw error;
  }
}

const turn = (): Promise<void> => new Promise((done) => setImmediate(done));

describe('a version with no older version to serve', () => {
  it('answers 503 on a fresh read-model file, never part of the log, until it reaches the head', async () => {
    await appendRandomEvents(fixture.store, EVENTS, seededRandom(9));
    const service = fixture.runtime(fixture.open(), [streamTotalsProjection(1)], { batchSize: 1_000 });
    service.initialise();
    const reader = ReadModelDatabase.open(fixture.file());
    expect(service.status()).toEqual([expect.objectContaining({ active: false, state: 'rebuilding' })]);
    service.start();
    const seen: string[] = [];
    for (let answer = answerOf(reader); answer !== `200 total=${EVENTS}`; answer = answerOf(reader)) {
      seen.push(answer);
      await turn();
    }
    reader.close();
    expect(seen.filter((answer) => answer !== '503')).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    expect(service.status()).toEqual([expect.objectContaining({ active: true, state: 'live' })]);
  });

  it('leaves a projections:rebuild killed part-way answering 503, and the next start finishes it', async () => {
    const head = await appendRandomEvents(fixture.store, 150_000, seededRandom(4));
    await rebuildReadModels({ store: fixture.store, dataDir: fixture.dir, projections: registeredProjections });
    const cli = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/rebuild-projections.ts', 'audit_trail', '--force'],
      { cwd: resolve(__dirname, '../../..'), env: { ...process.env, DATA_DIR: fixture.dir, EVENT_STORE: 'sqlite' } },
    );
    let running = true;
    const exited = new Promise((done) => cli.once('exit', done)).finally(() => (running = false));
    // Killed once it has committed its first batch of the replay.
    const watcher = new Database(fixture.file(), { readonly: true });
    const position = watcher.prepare<[], number | null>(
      "SELECT max(position) FROM projection_checkpoints WHERE name = 'audit_trail' AND state != 'live'",
    );
    position.pluck();
    while (running && (position.get() ?? -1) < 0) await new Promise((done) => setTimeout(done, 5));
    expect(running).toBe(true);
    cli.kill('SIGKILL');
    await exited;
    const left = watcher
      .prepare<[], { position: number; active: number }>(
        `SELECT c.position, count(a.name) AS active FROM projection_checkpoints c
         LEFT JOIN projection_active a ON a.name = c.name AND a.version = c.version
         WHERE c.name = 'audit_trail' GROUP BY c.name, c.version`,
      )
      .all();
    watcher.close();
    expect(left).toHaveLength(1);
    expect(BigInt(left[0]?.position ?? -1)).toBeLessThan(head);
    expect(left).toEqual([expect.objectContaining({ active: 0 })]);
    const reader = ReadModelDatabase.open(fixture.file());
    expect(() => reader.tables('audit_trail')).toThrow(ProjectionNotAvailableError);
    const restarted = fixture.runtime(fixture.open(), registeredProjections);
    await restarted.catchUp();
    expect(reader.tables('audit_trail').projection).toBe('audit_trail');
    reader.close();
  });

  it('under a running service, --force answers 503 and the service does not report the view live meanwhile', async () => {
    await appendRandomEvents(fixture.store, EVENTS, seededRandom(9));
    const service = fixture.runtime(fixture.open(), [streamTotalsProjection(1)]);
    service.start();
    await service.catchUp();
    const head = await fixture.store.headPosition();
    const reader = ReadModelDatabase.open(fixture.file());
    let done = false;
    const rebuild = rebuildReadModels({
      store: fixture.store,
      dataDir: fixture.dir,
      projections: [streamTotalsProjection(1)],
      force: true,
      batchSize: 100,
    }).finally(() => (done = true));
    const seen: string[] = [];
    while (!done) {
      const answer = answerOf(reader);
      const [lag] = await service.lag(head);
      const passes = await service.waitUntilProcessed(head, 0);
      seen.push(`${answer} | ${lag?.state ?? 'none'} lagEvents=${lag?.lagEvents ?? '-'} min-position passes=${passes}`);
      await turn();
    }
    await rebuild;
    const full = `200 total=${EVENTS}`;
    // Every answer is the whole log or a 503. While it is a 503, /ready's lag says the view is
    // rebuilding and X-Min-Position waits. (The last refusal may meet the switch-over while its
    // lag is counted: it is live a moment later.)
    expect(seen.filter((line) => !line.startsWith(`${full} |`) && !line.startsWith('503 |'))).toEqual([]);
    const lastRefusal = seen.map((line) => line.startsWith('503 |')).lastIndexOf(true);
    expect(lastRefusal).toBeGreaterThanOrEqual(0);
    const refusals = seen.slice(0, lastRefusal).filter((line) => line.startsWith('503 |'));
    expect(refusals.filter((line) => !/^503 \| rebuilding .* passes=false$/.test(line))).toEqual([]);
    // Afterwards the service is live again, on the rebuilt tables.
    await service.catchUp();
    expect(answerOf(reader)).toBe(full);
    expect(await service.lag(head)).toEqual([expect.objectContaining({ state: 'live', lagEvents: 0 })]);
    reader.close();
  });
});
