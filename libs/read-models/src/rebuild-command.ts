import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { EventStore } from '../../event-store/src/port/event-store';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectorRuntime, type ProjectionStatus, type RuntimeLog } from './projector-runtime';
import { openReadModelDatabase, readModelFile } from './read-model-schema';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly dataDir: string;
  readonly projections: readonly ProjectionDefinition[];
  /** Only this projection; all registered ones when omitted. */
  readonly name?: string;
  readonly batchSize?: number;
  readonly log?: RuntimeLog;
  /** Rebuild even though another process has the read models open (see ReadModelsInUse). */
  readonly force?: boolean;
}

/**
 * Another process has the read-model file open: a running API or worker. Rebuilding under it
 * would have its views answer 503 `read-model-rebuilding` for as long as the replay takes.
 */
export class ReadModelsInUse extends Error {
  constructor(readonly file: string) {
    super(`another process has ${file} open (a running API or worker?)`);
  }
}

export interface RebuildReport {
  readonly projections: readonly ProjectionStatus[];
  /** The projections rebuilt that reached the head of the log: only these replayed `events`. */
  readonly replayed: readonly string[];
  /** Events read from the log into the projections in `replayed`, through the head they reached. */
  readonly events: number;
  readonly seconds: number;
}

/**
 * What the rebuild script prints of the replay: nothing when no projection got to the head (one
 * failed, say), and which did when only some did, so a failure never reads as a replay.
 */
export function replaySummary(report: RebuildReport): string | undefined {
  if (report.replayed.length === 0) return undefined;
  const rate = report.seconds > 0 ? Math.round(report.events / report.seconds) : report.events;
  const rebuilt = new Set(report.projections.map(({ name }) => name));
  const which = report.replayed.length === rebuilt.size ? '' : ` into ${report.replayed.join(', ')}`;
  return `${report.events} events replayed${which} in ${report.seconds.toFixed(2)} s (${rate} events/s)`;
}

/**
 * Drops and replays read models in `<dataDir>/read-models.sqlite`. Meant for a stopped
 * application: a running one notices its checkpoints were reset and reloads, but its views
 * answer 503 meanwhile, so it throws ReadModelsInUse while another process has the file open,
 * unless `force`. Killed part-way, it leaves the views answering 503 until a runtime finishes them. To rebuild without downtime, bump the projection's version.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildReport> {
  const file = readModelFile(options.dataDir);
  if (options.force !== true && openElsewhere(file)) throw new ReadModelsInUse(file);
  const database = openReadModelDatabase(file);
  try {
    const runtime = new ProjectorRuntime({
      store: options.store,
      database,
      projections: options.projections,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
    const started = performance.now();
    const projections = await runtime.rebuild(options.name);
    const seconds = (performance.now() - started) / 1000;
    const replayed = [
      ...new Set(
        projections
          .filter(({ name, active, state }) => (options.name ?? name) === name && active && state === 'live')
          .map(({ name }) => name),
      ),
    ];
    // Counted as replayed: counting the log apart read all of it once more on EventStoreDB.
    const events = Math.max(0, ...replayed.map((name) => runtime.eventsRead(name)));
    return { projections, replayed, events, seconds };
  } finally {
    database.close();
  }
}

/**
 * Whether another connection has the file open. Every process using the read models (API, worker,
 * a verification run) keeps its connection, in WAL mode, for as long as it runs — idle or not,
 * unlike a checkpoint's time, which stands still while the log is quiet. SQLite lets a file leave
 * WAL mode only when no other connection has it open, so asking to, without waiting, is BUSY
 * exactly then. A crashed process holds nothing: the operating system drops its locks. Alone, the
 * file goes straight back to WAL.
 */
function openElsewhere(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('journal_mode = WAL');
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}
