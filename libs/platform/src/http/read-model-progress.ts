/**
 * How far the read models have processed the global log. Queries sent with `X-Min-Position`
 * wait on this so a client reads its own writes.
 */
export interface ReadModelProgress {
  /** Resolves true once every read model has processed `position`, false if `timeoutMs` passes first. */
  waitUntilProcessed(position: bigint, timeoutMs: number): Promise<boolean>;
}

export const READ_MODEL_PROGRESS = Symbol('ReadModelProgress');
