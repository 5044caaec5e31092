import { ProjectionNotAvailableError, ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { TrailRow } from '../domain/trail-consistency';
import { AUDIT_TRAIL_PROJECTION } from '../projections/audit-trail.projection';

/**
 * The trail's entries by position, read-only, for verification. The entries table keeps
 * `position` and `event_id` in every version of the projection, so the active one is read.
 */
export class TrailRows {
  constructor(private readonly readModels: ReadModelDatabase) {}

  /**
   * The last log position the active trail has processed (-1 before any); undefined while no
   * version answers (being built), when there is nothing to compare.
   */
  processedUpTo(): bigint | undefined {
    let version: number;
    try {
      version = this.readModels.tables(AUDIT_TRAIL_PROJECTION).version;
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
    const position = this.readModels.connection
      .prepare<[string, number], bigint>('SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?')
      .pluck()
      .safeIntegers()
      .get(AUDIT_TRAIL_PROJECTION, version);
    return position ?? -1n;
  }

  /** Rows with `after < position <= upTo`, in position order. */
  between(after: bigint, upTo: bigint): TrailRow[] {
    return this.readModels
      .statement<{ position: bigint; eventId: string }, [bigint, bigint]>(
        AUDIT_TRAIL_PROJECTION,
        (t) =>
          `SELECT position, event_id AS eventId FROM ${t.table('entries')}
           WHERE position > ? AND position <= ? ORDER BY position`,
      )
      .safeIntegers()
      .all(after, upTo);
  }
}
