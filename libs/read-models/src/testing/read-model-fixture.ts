import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import type { ProjectionDefinition } from '../projection-definition';
import { ProjectorRuntime, type ProjectorRuntimeOptions } from '../projector-runtime';
import { openReadModelDatabase } from '../read-model-schema';

/** A temporary data directory with an embedded store and helpers to open read-model files in it. */
export class ReadModelFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'read-models-'));
  readonly eventsFile = join(this.dir, 'events.sqlite');
  readonly store: SqliteEventStore;
  private readonly opened: Database.Database[] = [];
  private readonly runtimes: ProjectorRuntime[] = [];

  constructor(storeOptions: { pollIntervalMs?: number } = {}) {
    // OFF: these tests are about the read models; the log's durability is the store's own tests' business.
    this.store = new SqliteEventStore({ filename: this.eventsFile, synchronous: 'OFF', ...storeOptions });
  }

  file(name = 'read-models.sqlite'): string {
    return join(this.dir, name);
  }

  open(name = 'read-models.sqlite'): Database.Database {
    const db = openReadModelDatabase(this.file(name));
    this.opened.push(db);
    return db;
  }

  runtime(
    database: Database.Database,
    projections: readonly ProjectionDefinition[],
    /** `store` stands in for the fixture's own, say to wrap it. */
    options: Partial<Omit<ProjectorRuntimeOptions, 'database' | 'projections'>> = {},
  ): ProjectorRuntime {
    const runtime = new ProjectorRuntime({ store: this.store, database, projections, ...options });
    this.runtimes.push(runtime);
    return runtime;
  }

  async cleanUp(): Promise<void> {
    await Promise.all(this.runtimes.map((runtime) => runtime.stop()));
    for (const db of this.opened) if (db.open) db.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
