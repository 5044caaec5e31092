import {
  Global,
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { APP_CONFIG, type AppConfig } from '../../platform/src/config/app-config';
import { PROJECTION_LAG_SOURCE } from '../../platform/src/health/projection-lag';
import { READ_MODEL_PROGRESS } from '../../platform/src/http/read-model-progress';
import type { ProjectionDefinition } from './projection-definition';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelDatabase } from './read-model-database';
import { openReadModelDatabase, readModelFile } from './read-model-schema';
import { registeredProjections } from './registered-projections';

/** The projections the module runs; tests override this provider. */
export const READ_MODEL_PROJECTIONS = Symbol('ReadModelProjections');
/** The runtime's writable connection; query code uses `ReadModelDatabase` instead. */
export const READ_MODEL_WRITER = Symbol('ReadModelWriter');

/**
 * Read models for this process, in `<DATA_DIR>/read-models.sqlite`. Global because the platform's
 * health check and read-your-writes interceptor need the progress and lag it provides.
 *
 * Start-up order: the writer connection opens and the projections' tables are set up while
 * providers are created, so query services can resolve tables from their constructors; the
 * runtime starts following the log once the application has bootstrapped. On shutdown it
 * finishes the batch in hand before the event store (closed by the platform) goes away.
 */
@Global()
@Module({
  providers: [
    { provide: READ_MODEL_PROJECTIONS, useValue: registeredProjections },
    {
      provide: READ_MODEL_WRITER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Database.Database => openReadModelDatabase(readModelFile(config.dataDir)),
    },
    {
      provide: ProjectorRuntime,
      inject: [EVENT_STORE, READ_MODEL_WRITER, READ_MODEL_PROJECTIONS],
      useFactory: (
        store: EventStore,
        database: Database.Database,
        projections: readonly ProjectionDefinition[],
      ): ProjectorRuntime => {
        const runtime = new ProjectorRuntime({ store, database, projections, log: new Logger('Projections') });
        runtime.initialise();
        return runtime;
      },
    },
    {
      provide: ReadModelDatabase,
      // Depends on the runtime so the file and the projections' tables exist before it opens.
      inject: [READ_MODEL_WRITER, ProjectorRuntime],
      useFactory: (writer: Database.Database, runtime: ProjectorRuntime): ReadModelDatabase =>
        ReadModelDatabase.open(writer.name, () => runtime.readModelsFromOtherLog()),
    },
    { provide: READ_MODEL_PROGRESS, useExisting: ProjectorRuntime },
    { provide: PROJECTION_LAG_SOURCE, useExisting: ProjectorRuntime },
  ],
  exports: [READ_MODEL_PROGRESS, PROJECTION_LAG_SOURCE, ReadModelDatabase, ProjectorRuntime],
})
export class ReadModelsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly runtime: ProjectorRuntime,
    private readonly queries: ReadModelDatabase,
    @Inject(READ_MODEL_WRITER) private readonly writer: Database.Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Before requests are taken: read models of another log answer nothing from the first request,
    await this.runtime.checkLogBeforeServing();
    // and on a fresh install nothing should answer "rebuilding".
    await this.runtime.activateIfLogEmpty();
    this.runtime.start();
  }

  /** Before the platform closes the event store: the runtime may still be reading a page. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
    this.queries.close();
    if (this.writer.open) this.writer.close();
  }
}
