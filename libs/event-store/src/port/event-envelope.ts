/** Who did something: always taken from the verified token, never from a request body. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly agency: string;
  readonly roles: readonly string[];
}

export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** When it happened in the world; may be back-dated (a meeting held yesterday). ISO-8601. */
  readonly occurredAt: string;
  /** Server clock at append time. ISO-8601. */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  /** Room for context-specific metadata (lawful basis and DSA on disclosures, for instance). */
  readonly [extra: string]: unknown;
}

/** An event as the caller proposes it: the id is chosen by the caller so retries are idempotent. */
export interface EventToAppend<T extends string = string, D = unknown> {
  /** A lowercase UUID (what EventStoreDB accepts and returns); deterministic ids must be UUIDs too (e.g. v5). */
  readonly id: string;
  /** kebab-case, e.g. `referral-made`. */
  readonly type: T;
  readonly data: D;
  readonly metadata: EventMetadata;
}

/**
 * An event as the store holds it. Treat it as an immutable value: events appended together may
 * share one metadata object when read back.
 */
export interface RecordedEvent<T extends string = string, D = unknown> extends EventToAppend<T, D> {
  readonly stream: string;
  /** Zero-based position of the event within its stream. */
  readonly revision: bigint;
  /** Position in the store's global log; strictly increasing, gap-free on the embedded store. */
  readonly position: bigint;
}
