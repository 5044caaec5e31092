import { MISSING, type ComparisonVector } from '../comparisons/comparison-levels';

/** A distinct comparison vector and how many pairs had it: EM works on these, not on pairs. */
export interface ComparisonPattern {
  readonly vector: ComparisonVector;
  count: number;
}

/**
 * Counts pairs by comparison vector. With 7 comparisons of at most 8 levels there are only a few
 * thousand distinct vectors, so EM over millions of pairs costs little.
 */
export class ComparisonPatterns {
  private readonly byKey = new Map<string, ComparisonPattern>();
  private total = 0;

  add(vector: ComparisonVector, count = 1): void {
    let key = '';
    for (let i = 0; i < vector.length; i++) key += String.fromCharCode(65 + (vector[i] ?? MISSING));
    const pattern = this.byKey.get(key);
    if (pattern === undefined) this.byKey.set(key, { vector: vector.slice(), count });
    else pattern.count += count;
    this.total += count;
  }

  get pairs(): number {
    return this.total;
  }

  patterns(): ComparisonPattern[] {
    return [...this.byKey.values()];
  }
}
