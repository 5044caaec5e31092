import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { EventIdConflictError, WrongExpectedRevisionError } from '../port/errors';
import type { EventToAppend } from '../port/event-envelope';
import type { EventStore } from '../port/event-store';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { anEvent, someEvents } from '../testing/event-fixtures';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeStreamsClient } from './fake-client';

/** No server: the client's calls are replaced, and nothing listens where it would connect. */
const unreachable = 'esdb://127.0.0.1:1?tls=false';

/**
 * A retry with `any` or `stream-exists` that re-sends only part of what was stored (or more than
 * was): the server refuses it as a wrong expected version when the batch's first id is stored and
 * a later one is not. On SQLite that is an id conflict; it must be one on EventStoreDB too, not a
 * concurrency conflict the command pipeline would answer by deciding again.
 */
describe.each(['any', 'stream-exists'] as const)('a partly stored batch appended expecting %s', (expected) => {
  let dir: string;
  let stores: { sqlite: EventStore; eventstoredb: EventStore };
  let server: FakeStreamsClient;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'partial-retry-'));
    server = new FakeStreamsClient();
    jest
      .spyOn(EventStoreDBClient.prototype, 'appendToStream')
      .mockImplementation((stream, events, options) => server.appendToStream(stream, events, options));
    jest
      .spyOn(EventStoreDBClient.prototype, 'readStream')
      .mockImplementation((stream, options) => server.readStream(stream, options));
    stores = {
      sqlite: new SqliteEventStore({ filename: join(dir, 'events.sqlite') }),
      eventstoredb: new EventStoreDbEventStore({ connectionString: unreachable, defaultDeadlineMs: 2_000 }),
    };
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(Object.values(stores).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['sqlite', 'eventstoredb'] as const)(
    'is an EventIdConflictError naming the stored id on %s, and writes nothing',
    async (name) => {
      const store = stores[name];
      const [first, second] = someEvents(2) as [EventToAppend, EventToAppend];
      await store.append('audit-2026-01-05', [first], { expected: 'no-stream' });
      const refusal = await store
        .append('audit-2026-01-05', [first, second], { expected })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(EventIdConflictError);
      expect(refusal).toMatchObject({ eventId: first.id, reason: expect.stringContaining('only part of this batch') });
      expect(await store.readStream('audit-2026-01-05')).toHaveLength(1);
    },
  );

  it.each(['sqlite', 'eventstoredb'] as const)(
    'is an EventIdConflictError on %s after thousands of other appends to the stream',
    async (name) => {
      const store = stores[name];
      const [first, second] = someEvents(2) as [EventToAppend, EventToAppend];
      await store.append('audit-2026-01-05', [first], { expected: 'no-stream' });
      for (let batch = 0; batch < 50; batch++) {
        await store.append('audit-2026-01-05', someEvents(100), { expected: 'stream-exists' });
      }
      await expect(store.append('audit-2026-01-05', [first, second], { expected })).rejects.toMatchObject({
        name: 'EventIdConflictError',
        eventId: first.id,
      });
      expect(await store.readStream('audit-2026-01-05')).toHaveLength(5_001);
    },
    20_000,
  );

  it.each(['sqlite', 'eventstoredb'] as const)(
    'is still a WrongExpectedRevisionError on %s when none of its ids is stored',
    async (name) => {
      const store = stores[name];
      const outcome = await store
        .append('audit-2026-01-06', [anEvent()], { expected: 'stream-exists' })
        .catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(WrongExpectedRevisionError);
      expect(outcome).toMatchObject({ actual: 'no-stream' });
    },
  );
});
