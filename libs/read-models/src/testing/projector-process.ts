/**
 * A projector in a process of its own, for the crash tests: it projects PROJECTIONS (see
 * `projectionsNamed`; the sample projections by default) from EVENTS_FILE into READ_MODEL_FILE
 * with small batches, prints `started` once it is about to project and `caught-up <position>`
 * when done. The tests SIGKILL it at random moments.
 *
 * Run with: node -r ts-node/register/transpile-only projector-process.ts
 */
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { ProjectorRuntime } from '../projector-runtime';
import { openReadModelDatabase } from '../read-model-schema';
import { projectionsNamed } from './crash-projections';

async function main(): Promise<void> {
  const eventsFile = process.env['EVENTS_FILE'];
  const readModelFile = process.env['READ_MODEL_FILE'];
  if (eventsFile === undefined || readModelFile === undefined)
    throw new Error('EVENTS_FILE and READ_MODEL_FILE are required');
  const store = new SqliteEventStore({ filename: eventsFile, synchronous: 'OFF' });
  const database = openReadModelDatabase(readModelFile);
  const runtime = new ProjectorRuntime({
    store,
    database,
    projections: projectionsNamed(process.env['PROJECTIONS'] ?? 'sample'),
    batchSize: Number(process.env['BATCH_SIZE'] ?? '20'),
  });
  runtime.initialise();
  process.stdout.write('started\n');
  const status = await runtime.catchUp();
  process.stdout.write(`caught-up ${status.map((s) => s.position.toString()).join(',')}\n`);
  database.close();
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
