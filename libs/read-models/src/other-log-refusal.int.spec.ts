import { Global, Injectable, Module, ServiceUnavailableException } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { join } from 'node:path';
import { EVENT_STORE } from '../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { someEvents } from '../../event-store/src/testing/event-fixtures';
import { APP_CONFIG, loadConfig } from '../../platform/src/config/app-config';
import { ProjectorRuntime } from './projector-runtime';
import { ReadModelDatabase } from './read-model-database';
import { READ_MODEL_PROJECTIONS, ReadModelsModule } from './read-models.module';
import { rebuildReadModels } from './rebuild-command';
import { ReadModelFixture } from './testing/read-model-fixture';
import { sampleProjections } from './testing/sample-projections';

/**
 * The event log was restored from a backup older than the read models (or the store now points
 * at another log). The rows in the read models then describe events this log does not hold:
 * cases that answer 404, disclosures never recorded. Nothing may be answered or decided on them
 * until they are rebuilt from this log.
 */

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

let fixture: ReadModelFixture;
let moduleRef: TestingModule | undefined;
beforeEach(async () => {
  fixture = new ReadModelFixture({ pollIntervalMs: 600_000 });
  // The read models were built from a longer log: the one in use before the backup was restored.
  const longer = new SqliteEventStore({ filename: join(fixture.dir, 'longer-events.sqlite'), synchronous: 'OFF' });
  await longer.append('ledger-1', someEvents(8, 'amount-recorded'), { expected: 'no-stream' });
  const db = fixture.open();
  await new ProjectorRuntime({ store: longer, database: db, projections: sampleProjections() }).catchUp();
  db.close();
  await longer.close();
  await fixture.store.append('ledger-1', someEvents(3, 'amount-recorded'), { expected: 'no-stream' });
});
afterEach(async () => {
  await moduleRef?.close();
  moduleRef = undefined;
  await fixture.cleanUp();
});

async function started(): Promise<TestingModule> {
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
    imports: [StandInPlatformModule, ReadModelsModule],
    providers: [StreamTotalsQuery],
  })
    .overrideProvider(READ_MODEL_PROJECTIONS)
    .useValue(sampleProjections())
    .compile();
  await moduleRef.init();
  return moduleRef;
}

function refusal(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error instanceof ServiceUnavailableException ? error.getResponse() : error;
  }
  return 'answered';
}

const otherLog = { rule: 'read-model-other-log', message: expect.stringMatching(/another event log/) };

describe('read models built from another log', () => {
  it('answers no query on them, from the first request, with 503 read-model-other-log', async () => {
    const app = await started();
    const readModels = app.get(ReadModelDatabase);

    expect(refusal(() => app.get(StreamTotalsQuery).eventsIn('ledger-1'))).toMatchObject(otherLog);
    for (const { name } of sampleProjections()) {
      expect(refusal(() => readModels.tables(name))).toMatchObject(otherLog);
      expect(refusal(() => readModels.answering(name))).toMatchObject(otherLog);
    }
    expect(app.get(ProjectorRuntime).status()[0]?.error).toMatch(/npm run projections:rebuild \(all projections\)/);
  });

  it('refuses a read-your-writes wait on them at once, with the same rule, and holds up no route reading none', async () => {
    const runtime = (await started()).get(ProjectorRuntime);
    // Longer than Jest gives a test: a wait that ran it out would fail this by its time limit.
    const wait = 60_000;

    expect(await runtime.reach(2n, wait, ['stream_totals'])).toEqual({ reached: false, refusal: otherLog });
    expect(await runtime.reach(7n, wait)).toEqual({ reached: false, refusal: otherLog });
    expect(await runtime.reach(2n, wait, [])).toEqual({ reached: true });
  });

  it('answers again once every read model is rebuilt from this log', async () => {
    await rebuildReadModels({ store: fixture.store, dataDir: fixture.dir, projections: sampleProjections() });
    const app = await started();

    expect(app.get(StreamTotalsQuery).eventsIn('ledger-1')).toBe(3);
  });
});
