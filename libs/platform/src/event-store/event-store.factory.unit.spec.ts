import { Logger } from '@nestjs/common';
import { EventStoreDbEventStore } from '../../../event-store/src/eventstoredb/eventstoredb-event-store';
import type { AppConfig } from '../config/app-config';
import { createEventStore } from './event-store.factory';

jest.mock('../../../event-store/src/eventstoredb/eventstoredb-event-store', () => ({
  EventStoreDbEventStore: jest.fn(),
}));

const distributed = {
  eventStore: 'eventstoredb',
  eventStoreDb: {
    connectionString: 'esdb://localhost:2113?tls=false',
    keepAliveIntervalMs: 10_000,
    keepAliveTimeoutMs: 10_000,
    defaultDeadlineMs: 10_000,
  },
} as unknown as AppConfig;

describe('createEventStore on EventStoreDB', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends each subscription drop to the service log as a warning naming the reason, attempt and wait', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const emitted = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    await createEventStore(distributed);

    const [options] = jest.mocked(EventStoreDbEventStore).mock.calls[0] ?? [];
    expect(options).toMatchObject({ connectionString: distributed.eventStoreDb?.connectionString });
    options?.subscription?.onDrop?.(Object.assign(new Error('position refused'), { name: 'InvalidPosition' }), 3, 400);

    expect(warn).toHaveBeenCalledWith(
      'subscription dropped (InvalidPosition: position refused); resubscribing in 400 ms (consecutive failure 3)',
    );
    expect(emitted).not.toHaveBeenCalled();
  });
});
