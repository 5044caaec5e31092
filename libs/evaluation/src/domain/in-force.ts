/** A fact a report places by the UK day it happened on, and the instant it happened (ms). */
export interface DatedFact {
  readonly day: string;
  readonly at: number;
}

/**
 * Whether `fact` had happened by the end of `day`, or by `reach` (epoch ms) when given: today's
 * history also takes facts dated a clock skew ahead of now (`asOfReach`), as the live views do.
 */
export function happenedBy(fact: DatedFact, day: string, reach?: number): boolean {
  return fact.day <= day || (reach !== undefined && fact.at <= reach);
}

/**
 * Of `facts` (in the order they were recorded) those that happened by the end of `day` (or by
 * `reach`, see `happenedBy`), the one in force then: the one that happened last, and of two at
 * one instant the later recorded, as the case state and the tracker order facts.
 */
export function inForceOn<F extends DatedFact>(facts: readonly F[], day: string, reach?: number): F | undefined {
  let latest: F | undefined;
  for (const fact of facts) {
    if (happenedBy(fact, day, reach) && (latest === undefined || fact.at >= latest.at)) latest = fact;
  }
  return latest;
}
