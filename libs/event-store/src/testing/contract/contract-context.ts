import type { EventStore } from '../../port/event-store';

/** What an adapter guarantees beyond the port, so the contract checks exactly what each promises. */
export interface EventStoreCapabilities {
  /**
   * Every `create()` returns an empty store whose first event gets position 0n and whose
   * positions never skip (the embedded store). EventStoreDB positions are log offsets.
   */
  readonly freshGapFreeLog: boolean;
  /** An event id is unique in the whole store, not only where a retry would land. */
  readonly globallyUniqueEventIds: boolean;
  /** A retry appended with expected revision `any` is recognised (best effort on EventStoreDB). */
  readonly idempotentRetryWithAny: boolean;
}

export interface ContractContext {
  /** The store created for the current test. */
  store(): EventStore;
  readonly capabilities: EventStoreCapabilities;
  /** How long a subscription test waits for events that should arrive. */
  readonly deliveryTimeoutMs: number;
}
