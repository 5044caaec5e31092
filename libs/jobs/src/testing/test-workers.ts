import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const TS_NODE = require.resolve('ts-node/register/transpile-only');
const WORKER = join(__dirname, '..', '..', '..', '..', 'apps', 'worker', 'src', 'testing', 'worker-with-test-kinds.ts');

/** Worker child processes with the test kinds on `dataDir`, for the BullMQ specs; `env` adds REDIS_URL and the rest. */
export class TestWorkers {
  readonly running = new Set<ChildProcess>();

  constructor(
    private readonly dataDir: string,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  /** Resolves once the worker takes jobs. */
  start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['-r', TS_NODE, WORKER], {
      env: {
        ...process.env,
        ...this.env(),
        DATA_DIR: this.dataDir,
        SQLITE_SYNCHRONOUS: 'NORMAL',
        LOG_LEVEL: 'silent',
        TS_NODE_SWC: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('worker-ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${errors}`)));
    });
  }

  killAll(): void {
    for (const child of this.running) child.kill('SIGKILL');
  }
}

/** Polls `read` until `done` holds, failing with the last value after `ms`. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`not there after ${ms} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
