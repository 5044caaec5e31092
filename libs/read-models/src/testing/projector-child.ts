import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ReadModelFixture } from './read-model-fixture';

const REPO_ROOT = resolve(__dirname, '../../../..');
const CHILD = join(__dirname, 'projector-process.ts');

export interface ChildRun {
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  /** SIGKILL the process this long after it starts projecting; runs to the end when omitted. */
  readonly killAfterMs?: number;
  /** The list `projector-process.ts` runs (see `projectionsNamed`). */
  readonly projections?: string;
  readonly batchSize?: number;
}

const ARGS = ['-r', 'ts-node/register/transpile-only', CHILD];
const childEnv = (fixture: ReadModelFixture, projections: string, batchSize: number): NodeJS.ProcessEnv => ({
  ...process.env,
  EVENTS_FILE: fixture.eventsFile,
  READ_MODEL_FILE: fixture.file(),
  BATCH_SIZE: String(batchSize),
  PROJECTIONS: projections,
});

/** Runs `projector-process.ts` on the fixture's files in a process of its own. */
export function runProjector(
  fixture: ReadModelFixture,
  { killAfterMs, projections = 'sample', batchSize = 20 }: ChildOptions = {},
): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ARGS, {
      cwd: REPO_ROOT,
      env: childEnv(fixture, projections, batchSize),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killIn = killAfterMs;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killIn !== undefined && stdout.includes('started\n')) {
        setTimeout(() => child.kill('SIGKILL'), killIn);
        killIn = undefined;
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

/**
 * The same process run to the end while this one waits, blocked: another process's commits
 * placed at an exact point of this one's synchronous code.
 */
export function runProjectorBlocking(fixture: ReadModelFixture, projections: string): void {
  const run = spawnSync(process.execPath, ARGS, { cwd: REPO_ROOT, env: childEnv(fixture, projections, 1_000) });
  if (run.status !== 0) throw new Error(`projector exited with ${run.status}: ${run.stderr.toString()}`);
}

export interface CheckpointRow {
  readonly name: string;
  readonly version: number;
  readonly position: bigint;
  readonly state: string;
}

/** The checkpoints a (killed) projector left in the fixture's read-model file. */
export function checkpointsIn(file: string): CheckpointRow[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], CheckpointRow>(
        'SELECT name, version, position, state FROM projection_checkpoints ORDER BY name, version',
      )
      .safeIntegers()
      .all()
      .map((row) => ({ ...row, version: Number(row.version) }));
  } finally {
    db.close();
  }
}
