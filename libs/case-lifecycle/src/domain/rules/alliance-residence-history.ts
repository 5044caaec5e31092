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

const msOf = (instant: string): number => parseInstant(instant) ?? Number.NaN;

/** `history` with `next` in time order; of two from one instant the later recorded stands, so it goes after. */
export function withResidence(history: readonly ResidenceFrom[], next: ResidenceFrom): ResidenceFrom[] {
  const at = msOf(next.from);
  const after = history.findIndex((entry) => msOf(entry.from) > at);
  return after === -1 ? [...history, next] : [...history.slice(0, after), next, ...history.slice(after)];
}

/** The residence in force at `instant`: the last one from then or earlier; undefined before the first. */
export function residenceAt(history: readonly ResidenceFrom[], instant: string): string | undefined {
  const at = msOf(instant);
  let found: string | undefined;
  for (const entry of history) if (msOf(entry.from) <= at) found = entry.residenceBorough;
  return found;
}

/** The residence in force now: the one from the latest instant. */
export function residenceNow(history: readonly ResidenceFrom[]): string | undefined {
  return history.at(-1)?.residenceBorough;
}
