import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { RecordedEvent } from '../port/event-envelope';
import { someEvents } from '../testing/event-fixtures';
import { SqliteEventStore } from './sqlite-event-store';

interface Ack {
  readonly position: bigint;
  readonly stream: string;
  readonly nextExpectedRevision: bigint;
  readonly ids: readonly string[];
}

const APPENDER = resolve(__dirname, '../testing/crash-appender.ts');
// Resolved here so the child finds ts-node whatever its working directory.
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const ITERATIONS = 4;

/** Runs the appender until it has acknowledged `killAfter` appends, then SIGKILLs it mid-stream. */
function appendUntilKilled(filename: string, killAfter: number): Promise<Ack[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-r', TS_NODE, APPENDER, filename], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, position, stream, revision, ids] = line.split(' ');
      if (kind !== 'ack' || position === undefined || stream === undefined || revision === undefined) return;
      acks.push({
        position: BigInt(position),
        stream,
        nextExpectedRevision: BigInt(revision),
        ids: (ids ?? '').split(','),
      });
      if (acks.length === killAfter) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(acks);
      else reject(new Error(`appender exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

function expectConsistentLog(log: readonly RecordedEvent[]): void {
  // Gap-free global positions from 0.
  expect(log.map((event) => event.position)).toEqual(log.map((_, index) => BigInt(index)));
  // Gap-free revisions per stream.
  const revisions = new Map<string, bigint[]>();
  for (const event of log) revisions.set(event.stream, [...(revisions.get(event.stream) ?? []), event.revision]);
  for (const list of revisions.values()) expect(list).toEqual(list.map((_, index) => BigInt(index)));
  // No torn batch: each append (one correlationId) is there whole or not at all.
  const batches = new Map<string, RecordedEvent[]>();
  for (const event of log) {
    batches.set(event.metadata.correlationId, [...(batches.get(event.metadata.correlationId) ?? []), event]);
  }
  for (const batch of batches.values()) {
    const { batchSize } = batch[0]?.data as { batchSize: number };
    expect(batch).toHaveLength(batchSize);
  }
}

describe('SqliteEventStore survives SIGKILL mid-append', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged append, without gaps, across ${ITERATIONS} kills`, async () => {
    const filename = join(dir, 'events.sqlite');
    let acknowledgedTotal = 0;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const acks = await appendUntilKilled(filename, 40 + Math.floor(Math.random() * 200));
      acknowledgedTotal += acks.length;

      const store = new SqliteEventStore({ filename });
      try {
        const log = await store.readAll();
        expectConsistentLog(log);
        const byId = new Map(log.map((event) => [event.id, event]));
        for (const ack of acks) {
          const events = ack.ids.map((id) => byId.get(id));
          expect(events.every((event) => event?.stream === ack.stream)).toBe(true);
          expect(events[events.length - 1]?.position).toBe(ack.position);
          expect(events[events.length - 1]?.revision).toBe(ack.nextExpectedRevision);
        }
        // The reopened store carries on where the log ends.
        const head = await store.headPosition();
        const [newest] = await store.readStream('crash-a', { direction: 'backwards', maxCount: 1 });
        const batch = someEvents(2).map((event, index) => ({ ...event, data: { batchSize: 2, index } }));
        const result = await store.append('crash-a', batch, {
          expected: newest === undefined ? 'no-stream' : newest.revision,
        });
        expect(result.position).toBe(head + 2n);
        expectConsistentLog(await store.readAll());
      } finally {
        await store.close();
      }
    }
    expect(acknowledgedTotal).toBeGreaterThan(ITERATIONS * 40 - 1);
  }, 120_000);
});
