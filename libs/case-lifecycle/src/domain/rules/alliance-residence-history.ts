/**
 * Where an engaged child lived, and from when: the residence typed at engagement, then each
 * correction (a typo put right, dated from the engagement; or a move, dated from the move). The
 * out-of-area rule judges an outcome by the residence in force at the outcome's time, and the
 * tracker's `asOf` and the evaluation by the one in force at the day they show, so a correction
 * entered late still moves the child from the day it says, and never before.
 */
import { parseInstant } from '../calendar';

export interface ResidenceFrom {
  readonly residenceBorough: string;
  /** The instant the residence holds from (the engagement's, for the one typed then). */
  readonly from: string;
}

/**
 * Never empty: it begins with the residence typed at engagement, from the engagement's instant,
 * and corrections are only added (every engagement is folded from its `alliance-engagement-recorded`).
 */
export type ResidenceHistory = readonly [ResidenceFrom, ...ResidenceFrom[]];

const msOf = (instant: string): number => parseInstant(instant) ?? Number.NaN;

/** `history` with `next` in time order; of two from one instant the later recorded stands, so it goes after. */
export function withResidence(history: ResidenceHistory, next: ResidenceFrom): ResidenceHistory {
  const at = msOf(next.from);
  const after = history.findIndex((entry) => msOf(entry.from) > at);
  if (after === -1) return [...history, next];
  if (after === 0) return [next, ...history];
  const [first, ...rest] = history;
  return [first, ...rest.slice(0, after - 1), next, ...rest.slice(after - 1)];
}

/**
 * The residence in force at `instant`: the last one from then or earlier. Facts about an engagement
 * are refused before it (`requireOnOrAfterEngagement`), so the first, from the engagement, always
 * holds by then; an earlier instant gets it too rather than nothing.
 */
export function residenceAt(history: ResidenceHistory, instant: string): string {
  const at = msOf(instant);
  let found = history[0].residenceBorough;
  for (const entry of history) if (msOf(entry.from) <= at) found = entry.residenceBorough;
  return found;
}

/** The residence in force now: the one from the latest instant. */
export function residenceNow(history: readonly ResidenceFrom[]): string | undefined {
  return history.at(-1)?.residenceBorough;
}
