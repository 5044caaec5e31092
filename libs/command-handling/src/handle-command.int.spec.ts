import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WrongExpectedRevisionError } from '../../event-store/src/port/errors';
import type { EventStore } from '../../event-store/src/port/event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import type { CommandContext } from './command-context';
import type { Decider, DomainEvent } from './decider';
import { handleCommand } from './handle-command';
import { conflict, Rejection } from './rejections';

type Counted = DomainEvent<'tally-counted', { by: number }>;
type Count = { type: 'count'; by: number; max: number };
const counter: Decider<number, Count, Counted> = {
  initialState: () => 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.max) throw conflict('tally-max', `would exceed ${command.max}`);
    return [{ type: 'tally-counted', data: { by: command.by } }];
  },
};

const context = (ids?: string[]): CommandContext => {
  return {
    actor: { id: 'u-1', name: 'Tester', agency: 'Test', roles: ['coordinator'] },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    occurredAt: '2024-01-01T00:00:00.000Z',
    now: '2024-01-02T00:00:00.000Z',
    eventId: (index) => ids?.[index] ?? randomUUID(),
    ...(ids === undefined ? {} : { deterministicIds: true }),
  };
};

describe('handleCommand', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pipeline-'));
    store = SqliteEventStore.inDataDir(dir, { synchronous: 'NORMAL' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides on the folded state and appends with metadata from the context', async () => {
    const first = await handleCommand(
      store,
      'tally-a',
      counter,
      { type: 'count', by: 2, max: 10 },
      context(['11111111-1111-4111-8111-111111111111']),
    );
    expect(first.newState).toBe(2);
    const [event] = await store.readStream('tally-a');
    expect(event?.metadata).toMatchObject({
      actor: { id: 'u-1' },
      correlationId: 'corr-1',
      occurredAt: '2024-01-01T00:00:00.000Z',
      recordedAt: '2024-01-02T00:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('re-reads and decides again when a concurrent writer got in first, so the rule still holds', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        handleCommand(
          store,
          'tally-b',
          counter,
          { type: 'count', by: 3, max: 10 },
          context([`22222222-2222-4222-8222-00000000000${i}`]),
        ),
      ),
    );
    const events = await store.readStream('tally-b');
    expect(events.reduce((sum, e) => sum + (e.data as { by: number }).by, 0)).toBeLessThanOrEqual(10);
    expect(events).toHaveLength(3);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(refused.every((reason) => reason instanceof Rejection || reason instanceof WrongExpectedRevisionError)).toBe(
      true,
    );
  });

  it('does not retry when the client pinned the revision: the conflict is reported', async () => {
    await handleCommand(
      store,
      'tally-c',
      counter,
      { type: 'count', by: 1, max: 10 },
      context(['33333333-3333-4333-8333-333333333331']),
    );
    await expect(
      handleCommand(
        store,
        'tally-c',
        counter,
        { type: 'count', by: 1, max: 10 },
        context(['33333333-3333-4333-8333-333333333332']),
        { expectedRevision: 5n },
      ),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream('tally-c')).toHaveLength(1);
  });

  it('recognises a retried job by its deterministic event ids and writes nothing twice', async () => {
    const ids = ['44444444-4444-4444-8444-444444444441'];
    const first = await handleCommand(store, 'tally-d', counter, { type: 'count', by: 4, max: 10 }, context(ids));
    await handleCommand(
      store,
      'tally-d',
      counter,
      { type: 'count', by: 1, max: 10 },
      context(['44444444-4444-4444-8444-444444444442']),
    );
    const retried = await handleCommand(store, 'tally-d', counter, { type: 'count', by: 4, max: 10 }, context(ids));
    expect(retried.position).toBe(first.position);
    expect(await store.readStream('tally-d')).toHaveLength(2);
  });
});
