/** Read options arrive from HTTP query strings and job payloads too: check them at runtime. */

/** Positions and revisions are signed 64-bit on both stores. */
export const MAX_INT64 = 2n ** 63n - 1n;

export function checkMaxCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${String(maxCount)}`);
  }
  return maxCount;
}

/** A global position checkpoint: -1n (before the first event) or greater. */
export function checkPosition(position: bigint | undefined): bigint | undefined {
  if (position === undefined) return undefined;
  if (typeof position !== 'bigint' || position < -1n || position > MAX_INT64) {
    throw new RangeError(`fromPosition must be a bigint from -1n to 2^63 - 1, got ${String(position)}`);
  }
  return position;
}

export function checkRevision(revision: bigint | undefined): bigint | undefined {
  if (revision === undefined) return undefined;
  if (typeof revision !== 'bigint' || revision < 0n || revision > MAX_INT64) {
    throw new RangeError(`from must be a bigint from 0n to 2^63 - 1, got ${String(revision)}`);
  }
  return revision;
}
