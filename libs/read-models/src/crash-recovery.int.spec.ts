import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { appendRandomEvents, seededRandom } from './testing/random-log';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections } from './testing/sample-projections';
import { dumpProjections } from './testing/table-dump';

jest.setTimeout(180_000);

const REPO_ROOT = resolve(__dirname, '../../..');
const CHILD = join(__dirname, 'testing', 'projector-process.ts');
const NAMES = sampleProjections().map((p) => p.name);

interface ChildRun {
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the projector process; when `killAfterMs` is given, SIGKILLs it that long after it starts projecting. */
function runProjector(fixture: ReadModelFixture, killAfterMs: number | undefined): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD], {
      cwd: REPO_ROOT,
      env: { ...process.env, EVENTS_FILE: fixture.eventsFile, READ_MODEL_FILE: fixture.file(), BATCH_SIZE: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAfterMs !== undefined && stdout.includes('started\n')) {
        const delay = killAfterMs;
        killAfterMs = undefined;
        setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`projector exited with ${code}: ${stderr}`));
      else resolvePromise({ killed: signal === 'SIGKILL', stdout, stderr });
    });
  });
}

function checkpointsIn(file: string): bigint[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], bigint>('SELECT position FROM projection_checkpoints ORDER BY name')
      .pluck()
      .safeIntegers()
      .all();
  } finally {
    db.close();
  }
}

describe('crash recovery', () => {
  let fixture: ReadModelFixture;
  beforeAll(() => {
    fixture = new ReadModelFixture();
  });
  afterAll(() => fixture.cleanUp());

  it('a projector SIGKILLed again and again ends with exactly what a clean rebuild produces', async () => {
    const random = seededRandom(42);
    let head = await appendRandomEvents(fixture.store, 20_000, random);
    const interruptedMidway: bigint[][] = [];
    let kills = 0;
    let caughtUp = false;

    for (let run = 0; run < 40 && !(caughtUp && kills >= 8); run++) {
      // The log keeps growing between restarts, as it would in service.
      if (run % 3 === 2) head = await appendRandomEvents(fixture.store, 2_000, random);
      const killAfterMs = kills >= 8 ? undefined : 5 + Math.floor(random() * 150);
      const outcome = await runProjector(fixture, killAfterMs);
      caughtUp = !outcome.killed;
      if (outcome.killed) {
        kills++;
        const positions = checkpointsIn(fixture.file());
        if (positions.some((p) => p > -1n && p < head)) interruptedMidway.push(positions);
      }
    }

    expect(kills).toBeGreaterThanOrEqual(8);
    // The kills must really have landed mid-projection, or this test would prove nothing.
    expect(interruptedMidway.length).toBeGreaterThanOrEqual(3);
    expect(caughtUp).toBe(true);
    const survivor = fixture.open();
    expect(checkpointsIn(fixture.file())).toEqual(NAMES.map(() => head));

    const clean = fixture.open('clean-rebuild.sqlite');
    await fixture.runtime(clean, sampleProjections()).rebuild();
    expect(dumpProjections(survivor, NAMES)).toEqual(dumpProjections(clean, NAMES));

    // And independently of the runtime: every event counted exactly once.
    const events = await fixture.store.readAll();
    const expected = new Map<string, { events: number; amount: number }>();
    for (const event of events) {
      const totals = expected.get(event.stream) ?? { events: 0, amount: 0 };
      totals.events++;
      totals.amount += (event.data as { amount: number }).amount;
      expected.set(event.stream, totals);
    }
    const projected = survivor
      .prepare<
        [],
        { stream: string; events: number; amount_sum: number }
      >('SELECT stream, events, amount_sum FROM stream_totals_v1_totals')
      .all();
    expect(new Map(projected.map((row) => [row.stream, { events: row.events, amount: row.amount_sum }]))).toEqual(
      expected,
    );
  });
});
