import { listingsInMemo } from './cohort-memo';

/**
 * The meeting the case is waiting for on `day` (YYYY-MM-DD): the earliest it is listed on, not
 * yet discussed, that sits that day or later. The row's `next_meeting` is the earliest listing
 * not discussed whatever its date; listings are never withdrawn, so a meeting that sat without
 * reaching the case would stay "next" for good, ahead of the one the case was listed on again.
 */
export function nextMeetingOn(memo: string, day: string): string | null {
  let next: string | null = null;
  for (const { meetingDate, discussedAt } of listingsInMemo(memo).values()) {
    if (discussedAt === null && meetingDate.slice(0, 10) >= day && (next === null || meetingDate < next))
      next = meetingDate;
  }
  return next;
}
