import type { Actor } from '../../event-store/src/port/event-envelope';

/** What every command carries besides its own data: who, why, when, and how to name its events. */
export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** When the recorded fact happened in the world (defaults to `now` when not back-dated). */
  readonly occurredAt: string;
  /** Server clock when the command was received. */
  readonly now: string;
  /**
   * Names the n-th event this command appends. Random by default; jobs pass a deterministic
   * factory (derived from their input) so that a retried job recognises its own earlier writes.
   */
  readonly eventId: (index: number) => string;
  /** Set only when the caller derived ids deterministically (see {@link eventId}). */
  readonly deterministicIds?: boolean;
  readonly extraMetadata?: Readonly<Record<string, unknown>>;
}
