/**
 * Child process for the crash test: appends to the store at argv[2] until it is killed, writing
 * one line per acknowledged append to stdout *after* append() has resolved:
 *   ack <position> <stream> <nextExpectedRevision> <id,id,...>
 * Run with: node -r ts-node/register/transpile-only crash-appender.ts <file>
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { ExpectedRevision } from '../port/expected-revision';
import { someMetadata } from './event-fixtures';

const STREAMS = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];

async function main(filename: string): Promise<void> {
  const store = new SqliteEventStore({ filename, synchronous: 'FULL' });
  const last = new Map<string, bigint>();
  for (const stream of STREAMS) {
    const [newest] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (newest !== undefined) last.set(stream, newest.revision);
  }
  writeSync(1, 'ready\n');
  // One writer per stream, all at once: their appends meet in shared commits (group commit), so
  // a kill can land in the middle of a group as well as of a single append.
  await Promise.all(STREAMS.map((stream) => appendForever(store, stream, last.get(stream))));
}

async function appendForever(store: SqliteEventStore, stream: string, newest: bigint | undefined): Promise<never> {
  let current = newest;
  for (let n = 0; ; n++) {
    const batchSize = 1 + (n % 3);
    const metadata = someMetadata();
    const events = Array.from({ length: batchSize }, (_, index) => ({
      id: randomUUID(),
      type: 'crash-tested',
      data: { batchSize, index },
      metadata,
    }));
    const expected: ExpectedRevision = current === undefined ? 'no-stream' : current;
    const result = await store.append(stream, events, { expected });
    current = result.nextExpectedRevision;
    // writeSync: the line reaches the pipe before this writer's next append starts, so everything
    // the parent reads was acknowledged, and nothing acknowledged waits in a user-space buffer.
    writeSync(
      1,
      `ack ${result.position} ${stream} ${result.nextExpectedRevision} ${events.map((e) => e.id).join(',')}\n`,
    );
  }
}

const filename = process.argv[2];
if (filename === undefined) {
  process.stderr.write('usage: crash-appender <sqlite file>\n');
  process.exit(2);
}
main(filename).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
