/** A fact a report places by the UK day it happened on, and the instant it happened (ms). */
export interface DatedFact {
  readonly day: string;
  readonly at: number;
}

/**
 * Of `facts` (in the order they were recorded) those dated on or before `day`, the one in force
 * at its end: the one that happened last, and of two at one instant the later recorded, as the
 * case state and the tracker order facts.
 */
export function inForceOn<F extends DatedFact>(facts: readonly F[], day: string): F | undefined {
  let latest: F | undefined;
  for (const fact of facts) if (fact.day <= day && (latest === undefined || fact.at >= latest.at)) latest = fact;
  return latest;
}
