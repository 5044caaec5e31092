import { ukDayOf } from '../domain/calendar';
import type { TrackedListing } from './cohort-tracked-case';

/** By the instants named, not the text: times may be written with other offsets or precision. */
export const earlier = (a: string, b: string): boolean => Date.parse(a) < Date.parse(b);

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
    if (ukDayOf(meetingDate) >= day && (next === null || earlier(meetingDate, next))) next = meetingDate;
  }
  return next;
}
