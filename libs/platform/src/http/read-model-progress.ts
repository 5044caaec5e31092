/**
 * How far the read models have processed the global log. Queries sent with `X-Min-Position`
 * wait on this so a client reads its own writes.
 */
export interface ReadModelProgress {
  /** Resolves true once every read model has processed `position`, false if `timeoutMs` passes first. */
  waitUntilProcessed(position: bigint, timeoutMs: number): Promise<boolean>;
  /**
   * Epoch ms at which this process next retries `version` of the read model `name` after a
   * failed batch (in the past while that retry is under way); undefined when this process is not
   * retrying it (it does not run that version, is not following the log, or the version has not
   * failed here). Optional: a process that projects nothing never retries anything.
   */
  nextRetryAt?(name: string, version: number): number | undefined;
}

export const READ_MODEL_PROGRESS = Symbol('ReadModelProgress');
