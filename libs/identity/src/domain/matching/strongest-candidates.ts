import type { PersonAssessment } from './cluster-assessment';

const OUTCOME_RANK = { link: 0, review: 1, 'below-threshold': 2 } as const;

/** Links before reviews, then an equal identifier, then the higher score and best record score. */
export const strongestFirst = (a: PersonAssessment, b: PersonAssessment): number =>
  OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] ||
  Number(b.identifierAgreement) - Number(a.identifierAgreement) ||
  b.score - a.score ||
  b.bestRecordScore - a.bestRecordScore;

/**
 * The strongest few of the people a match weighs, strongest first: exactly the head of the list a
 * stable sort by {@link strongestFirst} would give (equals keep the order they came in), without
 * sorting the hundreds a common name brings only to list ten.
 */
export class StrongestCandidates {
  private readonly kept: PersonAssessment[] = [];

  constructor(private readonly size: number) {}

  offer(candidate: PersonAssessment): void {
    const kept = this.kept;
    // After every one kept that is as strong or stronger, as a stable sort places it.
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (strongestFirst(kept[middle] as PersonAssessment, candidate) <= 0) low = middle + 1;
      else high = middle;
    }
    if (low >= this.size) return;
    kept.splice(low, 0, candidate);
    if (kept.length > this.size) kept.pop();
  }

  /** Strongest first. */
  get list(): readonly PersonAssessment[] {
    return this.kept;
  }
}
