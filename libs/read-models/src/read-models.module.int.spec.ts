import { Global, Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type Database from 'better-sqlite3';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../event-store/src/port/event-store';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { APP_CONFIG, loadConfig } from '../../platform/src/config/app-config';
import { PROJECTION_LAG_SOURCE, type ProjectionLagSource } from '../../platform/src/health/projection-lag';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../platform/src/http/read-model-progress';
import { PlatformModule } from '../../platform/src/platform.module';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelDatabase } from './read-model-database';
import { READ_MODEL_PROJECTIONS, READ_MODEL_WRITER, ReadModelsModule } from './read-models.module';
import { ReadModelFixture } from './testing/read-model-fixture';
import type { ProjectionDefinition } from './projection-definition';
import { sampleProjections, streamTotalsProjection, typeCountsProjection } from './testing/sample-projections';

/** What a context's query service looks like: it only ever sees ReadModelDatabase. */
@Injectable()
class StreamTotalsQuery {
  constructor(private readonly readModels: ReadModelDatabase) {}

  eventsIn(stream: string): number {
    return (
      this.readModels
        .statement<number, [string]>('stream_totals', (t) => `SELECT events FROM ${t.table('totals')} WHERE stream = ?`)
        .pluck()
        .get(stream) ?? 0
    );
  }
}

@Module({ providers: [StreamTotalsQuery], exports: [StreamTotalsQuery] })
class QueryFeatureModule {}

let fixture: ReadModelFixture;
beforeEach(() => {
  fixture = new ReadModelFixture({ pollIntervalMs: 600_000 });
});
afterEach(() => fixture.cleanUp());

describe('ReadModelsModule', () => {
  let moduleRef: TestingModule;

  beforeEach(async () => {
    @Global()
    @Module({
      providers: [
        { provide: APP_CONFIG, useValue: loadConfig({ DATA_DIR: fixture.dir }) },
        { provide: EVENT_STORE, useValue: fixture.store },
      ],
      exports: [APP_CONFIG, EVENT_STORE],
    })
    class StandInPlatformModule {}

    moduleRef = await Test.createTestingModule({
      imports: [StandInPlatformModule, ReadModelsModule, QueryFeatureModule],
    })
      .overrideProvider(READ_MODEL_PROJECTIONS)
      .useValue(sampleProjections())
      .compile();
    await moduleRef.init();
  });

  it('follows the log from bootstrap and serves progress, lag and queries', async () => {
    const { position } = await fixture.store.append('item-1', someEvents(3, 'item-opened'), { expected: 'no-stream' });
    const progress = moduleRef.get<ReadModelProgress>(READ_MODEL_PROGRESS);
    expect(await progress.waitUntilProcessed(position, 2_000)).toBe(true);

    expect(moduleRef.get(StreamTotalsQuery).eventsIn('item-1')).toBe(3);
    const lag = await moduleRef.get<ProjectionLagSource>(PROJECTION_LAG_SOURCE).lag(position);
    expect(lag.map(({ name, lagEvents, state }) => ({ name, lagEvents, state }))).toEqual([
      { name: 'item_history', lagEvents: 0, state: 'live' },
      { name: 'open_items', lagEvents: 0, state: 'live' },
      { name: 'stream_totals', lagEvents: 0, state: 'live' },
      { name: 'type_counts', lagEvents: 0, state: 'live' },
    ]);
    await moduleRef.close();
  });

  it('on an empty log (a fresh install) answers its views as soon as it has started', async () => {
    // Nothing to build: the views are whole at once, so no request may be refused as rebuilding.
    expect(moduleRef.get(StreamTotalsQuery).eventsIn('item-1')).toBe(0);
    expect(
      moduleRef
        .get(ProjectorRuntime)
        .status()
        .every(({ active }) => active),
    ).toBe(true);
    await moduleRef.close();
  });

  it('stops the runtime and closes both connections on shutdown', async () => {
    const writer = moduleRef.get<Database.Database>(READ_MODEL_WRITER);
    const queries = moduleRef.get(ReadModelDatabase);
    const runtime = moduleRef.get(ProjectorRuntime);
    await moduleRef.close();
    expect(writer.open).toBe(false);
    expect(queries.connection.open).toBe(false);
    // Stopped: a new append is not processed.
    const { position } = await fixture.store.append('item-2', someEvents(1), { expected: 'no-stream' });
    expect(await runtime.waitUntilProcessed(position, 100)).toBe(false);
  });
});

describe('ReadModelsModule beside the real PlatformModule', () => {
  /** Serves /ready from the real platform with `projections` registered, and hands `probe` the app. */
  async function withApp(
    projections: readonly ProjectionDefinition[],
    probe: (app: INestApplication) => Promise<void>,
  ): Promise<void> {
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATA_DIR: fixture.dir,
      AUTH_JWT_SECRET: 'test-secret-for-the-suite-only-0123456789abcdef',
      SQLITE_SYNCHRONOUS: 'OFF',
      LOG_LEVEL: 'silent',
    });
    try {
      const moduleRef = await Test.createTestingModule({ imports: [PlatformModule, ReadModelsModule] })
        .overrideProvider(READ_MODEL_PROJECTIONS)
        .useValue(projections)
        .compile();
      const app = moduleRef.createNestApplication({ logger: false });
      await app.init();
      try {
        await probe(app);
      } finally {
        await app.close();
      }
    } finally {
      process.env = saved;
    }
  }

  it('gives /ready the projections and their lag', async () => {
    await withApp(sampleProjections(), async (app) => {
      const response = await request(app.getHttpServer()).get('/ready').expect(200);
      expect(response.body).toMatchObject({
        status: 'ready',
        projections: expect.arrayContaining([expect.objectContaining({ name: 'stream_totals', version: 1 })]),
      });
    });
  });

  it('tells /ready which projection failed and why, while the others stay live', async () => {
    const poisoned: ProjectionDefinition = {
      ...typeCountsProjection(),
      name: 'poisoned',
      apply() {
        throw new Error('no rule for item-closed');
      },
    };
    await withApp([poisoned, streamTotalsProjection()], async (app) => {
      // Through the app's own store: the fixture's is another handle, whose appends it would only poll for.
      const { position } = await app
        .get<EventStore>(EVENT_STORE)
        .append('item-1', someEvents(1, 'item-closed'), { expected: 'no-stream' });
      const runtime = app.get(ProjectorRuntime);
      await runtime.waitUntilProcessed(position, 500);
      const response = await request(app.getHttpServer()).get('/ready').expect(200);
      expect(response.body.projections).toEqual([
        expect.objectContaining({
          name: 'poisoned',
          state: 'failed',
          lagEvents: 1,
          // Its stream and id, and the error's own text, are in the service log only: /ready needs no login.
          error: expect.stringContaining('failed on event item-closed at position 0'),
        }),
        { name: 'stream_totals', version: 1, position: '0', lagEvents: 0, lagSeconds: 0, state: 'live' },
      ]);
    });
  });
});
