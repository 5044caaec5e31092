import type { ProjectionDatabase } from '../../../read-models/src/projection-definition';

/**
 * Positions per stretch. A time filter becomes a range of whole stretches, so a page scans at most
 * this many positions at either end that cannot match; the table holds one row per stretch
 * (about 1,000 for a million events), read whole on every time-filtered query.
 */
export const STRETCH = 1024n;

export const stretchStatements = (db: ProjectionDatabase) => ({
  widen: db.prepare<unknown, [bigint, string, string]>(
    `INSERT INTO ${db.table('stretches')} (stretch, earliest, latest) VALUES (?, ?, ?)
     ON CONFLICT (stretch) DO UPDATE SET earliest = min(earliest, excluded.earliest), latest = max(latest, excluded.latest)`,
  ),
});

/** Widens a stretch's bounds: the projection's statement, or verification's capture of it. */
export interface StretchWidening {
  run(stretch: bigint, earliest: string, latest: string): unknown;
}

/**
 * The earliest and latest `at` of each stretch of positions an `apply` or `applyBatch` wrote,
 * written back (merged with what the stretch held) on `flush`. Kept per stretch, not per entry:
 * `at` is the time the writer's clock stamped, and entries are not in `at` order in the log (a
 * command keeps the time it started through its retries, concurrent requests append in either
 * order, processes' clocks differ), so only the whole stretch's earliest and latest bound it.
 */
export class StretchTimes {
  private stretch = -1n;
  private earliest = '';
  private latest = '';

  constructor(private readonly widen: StretchWidening) {}

  note(position: bigint, at: string): void {
    const stretch = position / STRETCH;
    if (stretch !== this.stretch) {
      this.flush();
      this.stretch = stretch;
      this.earliest = at;
      this.latest = at;
      return;
    }
    if (at < this.earliest) this.earliest = at;
    if (at > this.latest) this.latest = at;
  }

  flush(): void {
    if (this.stretch >= 0n) this.widen.run(this.stretch, this.earliest, this.latest);
    this.stretch = -1n;
  }
}

/** The positions (inclusive) within which every entry of a time range lies: whole stretches. */
export interface PositionBounds {
  readonly first: bigint;
  readonly last: bigint;
}

/**
 * The first and last position an entry with `from <= at < to` can have, exactly as `at` compares:
 * such an entry's stretch has `latest >= at >= from` and `earliest <= at < to`, so it lies within
 * the first stretch whose latest reaches `from` and the last whose earliest is before `to`,
 * whatever the order of `at` along the log. Undefined when no stretch has an entry in range.
 */
export function positionBounds(
  stretches: { first: (from: string) => bigint | null; last: (to: string) => bigint | null },
  from: string | undefined,
  to: string | undefined,
): PositionBounds | undefined {
  const firstStretch = from === undefined ? 0n : stretches.first(from);
  const lastStretch = to === undefined ? undefined : stretches.last(to);
  if (firstStretch === null || lastStretch === null) return undefined;
  const first = firstStretch * STRETCH;
  const last = lastStretch === undefined ? LAST : lastStretch * STRETCH + STRETCH - 1n;
  return first > last ? undefined : { first, last };
}

/** The largest position the log can hold. */
const LAST = 2n ** 63n - 1n;
