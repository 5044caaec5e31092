/**
 * MARAC repeat detection. SafeLives: a repeat is a further referral of the same victim "within
 * 12 months of the last referral", and a repeat must be heard even below threshold.
 *
 * Definition used here (calendar months, the natural reading of "12 months"):
 *  - both dates are taken as UK calendar dates (an instant is converted to Europe/London);
 *  - the window ends on the anniversary: the same day of the month 12 months later, or the
 *    last day of that month when it has no such day (last referral 29 Feb 2020 → 28 Feb 2021);
 *  - the anniversary itself is inside the window (inclusive). Missing a repeat is the known
 *    failure in practice (a low repeat rate means repeats are missed), so the boundary day
 *    errs towards flagging.
 * So a last referral on 10 Mar 2021 makes referrals up to and including 10 Mar 2022 (day 365)
 * repeats, and 11 Mar 2022 (day 366) not; across a leap day, 1 Mar 2019 → 1 Mar 2020 is day 366
 * and still a repeat, where a "365 days" rule would have missed it.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { addCalendarMonths, compareDates, formatDate, ukCalendarDate } from '../calendar';

export interface MaracRepeatAssessment {
  readonly repeat: boolean;
  /** The last day a further referral counts as a repeat (YYYY-MM-DD), when there was a previous referral. */
  readonly windowEndsOn: string | null;
}

/**
 * Whether a referral on `referredAt` repeats one on `previousReferralAt`, with a window of
 * `windowMonths` calendar months. Both dates are ISO dates or instants. A previous referral
 * dated after this one cannot be the "last" one before it: that is refused as `invalid`.
 */
export function detectMaracRepeat(
  previousReferralAt: string | undefined,
  referredAt: string,
  windowMonths = 12,
): MaracRepeatAssessment {
  if (previousReferralAt === undefined) return { repeat: false, windowEndsOn: null };
  const previous = ukCalendarDate(previousReferralAt);
  if (previous === undefined) {
    throw invalid('previousMaracReferralAt', 'iso-date-or-instant', 'previousMaracReferralAt must be an ISO date');
  }
  const current = ukCalendarDate(referredAt);
  if (current === undefined) throw invalid('occurredAt', 'iso-instant', 'occurredAt must be an ISO date-time');
  if (compareDates(previous, current) > 0) {
    throw invalid(
      'previousMaracReferralAt',
      'marac-previous-referral-before-this-one',
      'the previous MARAC referral is dated after this referral',
    );
  }
  const windowEnd = addCalendarMonths(previous, windowMonths);
  return { repeat: compareDates(current, windowEnd) <= 0, windowEndsOn: formatDate(windowEnd) };
}
