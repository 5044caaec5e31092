import { EventStoreUnavailableError } from '../port/errors';
import type { EventStore } from '../port/event-store';
import { anEvent, streamIn, uniqueCategory } from './event-fixtures';
import { appendContract } from './contract/append.contract';
import { appendSizeContract } from './contract/append-size.contract';
import { countContract } from './contract/count.contract';
import type { ContractContext, EventStoreCapabilities } from './contract/contract-context';
import { envelopeContract } from './contract/envelope.contract';
import { idempotencyContract } from './contract/idempotency.contract';
import { readingContract } from './contract/reading.contract';
import { subscriptionContract } from './contract/subscription.contract';
import { validationContract } from './contract/validation.contract';

export type { EventStoreCapabilities } from './contract/contract-context';

export interface EventStoreContractOptions {
  readonly capabilities?: Partial<EventStoreCapabilities>;
  /** How long subscription tests wait for events that should arrive (default 5 s). */
  readonly deliveryTimeoutMs?: number;
  /** Jest timeout per test (default 20 s). */
  readonly testTimeoutMs?: number;
}

/** Without a promise from the adapter, the contract checks only what every event store must do. */
const PORT_ONLY: EventStoreCapabilities = {
  freshGapFreeLog: false,
  globallyUniqueEventIds: false,
  idempotentRetryWithAny: false,
};

/**
 * The behaviour every EventStore adapter must show, as jest suites. `create` is called before
 * each test and `dispose` (default: `close()`) after it; `close()` must therefore be idempotent.
 * Tests work in categories of their own, so a shared server is fine.
 */
export function eventStoreContract(
  name: string,
  create: () => Promise<EventStore>,
  dispose: (store: EventStore) => Promise<void> = (store) => store.close(),
  options: EventStoreContractOptions = {},
): void {
  describe(`${name} satisfies the EventStore contract`, () => {
    let current: EventStore | undefined;
    const context: ContractContext = {
      store: () => {
        if (current === undefined) throw new Error('no store: create() has not run for this test');
        return current;
      },
      capabilities: { ...PORT_ONLY, ...options.capabilities },
      deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5_000,
    };
    if (options.testTimeoutMs !== undefined) jest.setTimeout(options.testTimeoutMs);
    else jest.setTimeout(20_000);

    beforeEach(async () => {
      current = await create();
    });
    afterEach(async () => {
      if (current !== undefined) await dispose(current);
      current = undefined;
    });

    appendContract(context);
    idempotencyContract(context);
    validationContract(context);
    appendSizeContract(context);
    readingContract(context);
    envelopeContract(context);
    countContract(context);
    subscriptionContract(context);

    describe('after close()', () => {
      it('refuses every operation with EventStoreUnavailableError, and close() may be repeated', async () => {
        const store = context.store();
        await store.close();
        await store.close();
        const stream = streamIn(uniqueCategory());
        await expect(store.append(stream, [anEvent()], { expected: 'any' })).rejects.toBeInstanceOf(
          EventStoreUnavailableError,
        );
        await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      });
    });
  });
}
