import type { MeetingDiscussions } from './cohort-meetings';
import type { TrackedListing } from './cohort-tracked-case';

/** The later of two instants, by the time they name: they may be written with other offsets or precision. */
function later(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * When the case was last discussed: its own latest discussion (`ownLatest`, the row's column) or
 * the sitting of a meeting it is listed on that was recorded held naming it, whichever is later.
 * The agenda counts a case discussed either way, so the tracker does too.
 */
export function lastDiscussedOf(
  caseId: string,
  ownLatest: string | null,
  listings: ReadonlyMap<string, TrackedListing>,
  discussions: MeetingDiscussions,
): string | null {
  let last = ownLatest;
  for (const meetingId of listings.keys()) {
    const heldAt = discussions.get(meetingId)?.get(caseId);
    if (heldAt !== undefined) last = later(last, heldAt);
  }
  return last;
}
