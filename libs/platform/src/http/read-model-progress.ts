/**
 * How far the read models have processed the global log. Queries sent with `X-Min-Position`
 * wait on this so a client reads its own writes.
 */
export interface ReadModelProgress {
  /**
   * Resolves true once every read model named in `views` (every one, when omitted) has processed
   * `position`, false if `timeoutMs` passes first.
   */
  waitUntilProcessed(position: bigint, timeoutMs: number, views?: readonly string[]): Promise<boolean>;
  /**
   * As `waitUntilProcessed`, but says at once when a view waited on cannot get there within the
   * wait, and why, instead of running it out. Optional: a process without projections has none.
   */
  reach?(position: bigint, timeoutMs: number, views?: readonly string[]): Promise<ViewsReach>;
  /**
   * The views among `views` (every one, when omitted) answered by an older version than this
   * release registers: a version bump's background rebuild is under way, and the older version,
   * frozen at its last position, answers meanwhile.
   */
  previousVersionsAnswering?(views?: readonly string[]): readonly PreviousVersionAnswering[];
  /**
   * Epoch ms at which this process next retries `version` of the read model `name` after a
   * failed batch (in the past while that retry is under way); undefined when this process is not
   * retrying it (it does not run that version, is not following the log, or the version has not
   * failed here). Optional: a process that projects nothing never retries anything.
   */
  nextRetryAt?(name: string, version: number): number | undefined;
}

/** Why a wait cannot succeed within a request: the 503's rule and message. */
export interface ViewsRefusal {
  readonly rule: 'read-model-rebuilding' | 'read-model-failed' | 'read-model-other-log';
  readonly message: string;
}

/** Reached; or not, with the refusal when it was known at once (none: the wait ran out). */
export type ViewsReach = { readonly reached: true } | { readonly reached: false; readonly refusal?: ViewsRefusal };

export interface PreviousVersionAnswering {
  readonly name: string;
  /** The version answering queries, frozen at `position`. */
  readonly version: number;
  /** The version this release registers, being rebuilt in the background. */
  readonly rebuilding: number;
  readonly position: bigint;
}

export const READ_MODEL_PROGRESS = Symbol('ReadModelProgress');

/** `progress.reach` where it is offered, else its plain wait. */
export async function viewsReach(
  progress: ReadModelProgress,
  position: bigint,
  timeoutMs: number,
  views?: readonly string[],
): Promise<ViewsReach> {
  if (progress.reach !== undefined) return progress.reach(position, timeoutMs, views);
  return { reached: await progress.waitUntilProcessed(position, timeoutMs, views) };
}

/**
 * `X-Read-Model-Version`'s value for the views answered by an older version: `name=version;
 * rebuilding=version`, comma-separated; undefined when none is.
 */
export function readModelVersionHeader(previous: readonly PreviousVersionAnswering[]): string | undefined {
  if (previous.length === 0) return undefined;
  return previous.map(({ name, version, rebuilding }) => `${name}=${version}; rebuilding=${rebuilding}`).join(', ');
}
