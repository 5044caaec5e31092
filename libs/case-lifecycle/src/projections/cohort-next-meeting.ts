import type { TrackedListing } from './cohort-tracked-case';

/**
 * The meeting the case is waiting for on `day` (YYYY-MM-DD): the earliest it is listed on, not
 * yet discussed, neither held nor cancelled (`settled`), that sits that day or later. The row's
 * `next_meeting` is the earliest listing not discussed whatever its date; listings are never
 * withdrawn, so a meeting that sat without reaching the case would stay "next" for good, ahead
 * of the one the case was listed on again. A meeting held early, or cancelled, has sat or never
 * will, whatever its date says.
 */
export function nextMeetingOn(
  listings: ReadonlyMap<string, TrackedListing>,
  day: string,
  settled: ReadonlySet<string>,
): string | null {
  let next: string | null = null;
  for (const [meetingId, { meetingDate, discussedAt }] of listings) {
    if (discussedAt !== null || settled.has(meetingId)) continue;
    if (meetingDate.slice(0, 10) >= day && (next === null || meetingDate < next)) next = meetingDate;
  }
  return next;
}
