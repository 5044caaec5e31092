import type { Seal } from './chain';
import { MAX_LISTED } from './log-consistency';

export type TrailProblemReason = 'trail-row-missing' | 'trail-row-altered' | 'trail-row-extra';

export interface TrailProblem {
  readonly position: string;
  /** The sealed event's id, or the row's when no event is sealed there. */
  readonly eventId: string;
  readonly reason: TrailProblemReason;
  readonly detail: string;
}

/** One row of the trail's entries, keyed by the log position it stands for. */
export interface TrailRow {
  readonly position: bigint;
  readonly eventId: string;
}

/** Person-key claims hold salted hashes only: sealed, never a trail entry (see trail-entry.ts). */
const UNTRAILED_STREAM = 'personkey-';

/**
 * Compares the trail read model with the seals, position by position, up to what the trail has
 * processed: the trail is what auditors and subject access reports read, so a row deleted or
 * rewritten there hides a read as surely as editing the log would.
 */
export class TrailConsistency {
  private count = 0;
  private checkedCount = 0;
  readonly problems: TrailProblem[] = [];

  /** `processedUpTo`: the trail's checkpoint; later seals are not due in it yet. */
  constructor(readonly processedUpTo: bigint) {}

  get problemCount(): number {
    return this.count;
  }

  get checked(): number {
    return this.checkedCount;
  }

  /**
   * One page of seals against the trail rows of the same position range, both in position order:
   * every row between the previous page's last seal and this page's last one.
   */
  compare(seals: readonly Seal[], rows: readonly TrailRow[]): void {
    const byPosition = new Map(rows.map((row) => [row.position, row]));
    for (const seal of seals) {
      if (seal.position > this.processedUpTo) break;
      const row = byPosition.get(seal.position);
      byPosition.delete(seal.position);
      if (seal.stream.startsWith(UNTRAILED_STREAM)) {
        if (row !== undefined)
          this.report(seal.position, row.eventId, 'trail-row-extra', 'a person-key claim has a row');
        continue;
      }
      this.checkedCount++;
      if (row === undefined) this.report(seal.position, seal.eventId, 'trail-row-missing', 'the trail has no row');
      else if (row.eventId !== seal.eventId)
        this.report(seal.position, seal.eventId, 'trail-row-altered', `the row names event ${row.eventId}`);
    }
    for (const row of byPosition.values())
      this.report(row.position, row.eventId, 'trail-row-extra', 'no sealed event at this position');
  }

  private report(position: bigint, eventId: string, reason: TrailProblemReason, detail: string): void {
    this.count++;
    if (this.problems.length < MAX_LISTED)
      this.problems.push({ position: position.toString(), eventId, reason, detail });
  }
}
