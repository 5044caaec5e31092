/**
 * MARAC repeat detection. SafeLives: a repeat is "a further incident within 12 months of the last
 * referral" of the same victim, and a repeat must be heard even below threshold. It is the
 * incident that must fall in the window, not the new referral: referrals follow incidents by days
 * or weeks, and a victim assaulted again a week before the anniversary and referred a week after
 * it is a repeat.
 *
 * Definition used here (calendar months, the natural reading of "12 months"):
 *  - all dates are taken as UK calendar dates (an instant is converted to Europe/London);
 *  - "the last referral" is the victim's latest referral before this one (the caller finds it).
 *    Besides this system's history the referral form gives a "previous MARAC date": a MARAC
 *    before go-live, or another area's, which the history cannot know. `judgeMaracRepeat` finds a
 *    repeat when the incident repeats either: referrers often give the date the last MARAC *heard*
 *    her, after an incident that followed her last referral, and that must not hide a repeat the
 *    history shows (a refused high-risk referral is the costlier mistake);
 *  - the window opens on the last referral's day: an incident on an earlier day is not a
 *    *further* incident (the last referral could have heard it, or did), so it is no repeat, and
 *    the referral is judged on the other criteria. An incident on the referral's own day counts:
 *    SafeLives counts "from the date of the last referral", and days are all these rules know;
 *  - the window ends on the anniversary: the same day of the month 12 months later, or the
 *    last day of that month when it has no such day (last referral 29 Feb 2020 → 28 Feb 2021);
 *  - the anniversary itself is inside the window (inclusive). Missing a repeat is the known
 *    failure in practice (a low repeat rate means repeats are missed), so the boundary day
 *    errs towards flagging.
 * So a last referral on 10 Mar 2021 makes incidents from 10 Mar 2021 up to and including
 * 10 Mar 2022 (day 365) repeats, and 11 Mar 2022 (day 366) not; across a leap day, 1 Mar 2019 →
 * 1 Mar 2020 is day 366 and still a repeat, where a "365 days" rule would have missed it.
 */
import { invalid } from '../../../../command-handling/src/rejections';
import { addCalendarMonths, compareDates, formatDate, ukCalendarDate } from '../calendar';

export interface MaracRepeatAssessment {
  readonly repeat: boolean;
  /** The last day a further incident counts as a repeat (YYYY-MM-DD), when there was a previous referral. */
  readonly windowEndsOn: string | null;
}

const previousReferralDate = (previousReferralAt: string) => {
  const previous = ukCalendarDate(previousReferralAt);
  if (previous === undefined) {
    throw invalid('previousMaracReferralAt', 'iso-date-or-instant', 'previousMaracReferralAt must be an ISO date');
  }
  return previous;
};

/**
 * Whether an incident on `incidentAt` repeats the victim's last referral, on `previousReferralAt`,
 * with a window of `windowMonths` calendar months. Both are ISO dates or instants.
 */
export function detectMaracRepeat(
  previousReferralAt: string | undefined,
  incidentAt: string,
  windowMonths = 12,
): MaracRepeatAssessment {
  if (previousReferralAt === undefined) return { repeat: false, windowEndsOn: null };
  const previous = previousReferralDate(previousReferralAt);
  const incident = ukCalendarDate(incidentAt);
  if (incident === undefined) {
    throw invalid('marac.incident.occurredAt', 'iso-date-or-instant', 'the incident must be dated');
  }
  const windowEnd = addCalendarMonths(previous, windowMonths);
  return {
    repeat: compareDates(previous, incident) <= 0 && compareDates(incident, windowEnd) <= 0,
    windowEndsOn: formatDate(windowEnd),
  };
}

/** Where the last MARAC referral a repeat is judged on is known from. */
export type MaracRepeatSource = 'history' | 'reported';

export interface MaracRepeatEvidence {
  /** The victim's last MARAC referral in this system's history (ISO date or instant). */
  readonly historyAt?: string;
  /** The referral form's previous MARAC date (YYYY-MM-DD), as the referrer gives it. */
  readonly reportedOn?: string;
}

export interface MaracRepeatJudgement extends MaracRepeatAssessment {
  /** The source of the last referral when the incident repeats it; null when it is no repeat. */
  readonly repeatFrom: MaracRepeatSource | null;
  /** The last referral judged on (its UK date) and its source; null when neither source has one. */
  readonly last: { readonly on: string; readonly from: MaracRepeatSource } | null;
}

/**
 * `detectMaracRepeat` on each of the history's last referral and the form's previous MARAC date: a
 * repeat when the incident repeats either, from the history's when both (it is the system's own
 * record). A form's date before the history's is not judged on: the later referral here supersedes
 * it. When neither repeats, `last` is the later of the two, which the refusal names.
 */
export function judgeMaracRepeat(
  { historyAt, reportedOn }: MaracRepeatEvidence,
  incidentAt: string,
  windowMonths = 12,
): MaracRepeatJudgement {
  const sources: { readonly from: MaracRepeatSource; readonly on: string }[] = [];
  if (historyAt !== undefined) sources.push({ from: 'history', on: formatDate(previousReferralDate(historyAt)) });
  const reported = reportedOn === undefined ? undefined : formatDate(previousReferralDate(reportedOn));
  // A form's date before her last referral here is superseded by it: an incident between the two
  // was no further incident (her referral here could have heard it).
  if (reported !== undefined && (sources[0] === undefined || reported >= sources[0].on))
    sources.push({ from: 'reported', on: reported });
  const judged = sources.map((source) => ({ source, ...detectMaracRepeat(source.on, incidentAt, windowMonths) }));
  const repeating = judged.find((judgement) => judgement.repeat);
  if (repeating !== undefined) {
    return {
      repeat: true,
      windowEndsOn: repeating.windowEndsOn,
      repeatFrom: repeating.source.from,
      last: repeating.source,
    };
  }
  // The later of the two (the history's on a tie), as the refusal's "last MARAC known".
  const latest = judged.reduce<(typeof judged)[number] | undefined>(
    (later, judgement) => (later === undefined || judgement.source.on > later.source.on ? judgement : later),
    undefined,
  );
  if (latest === undefined) return { repeat: false, windowEndsOn: null, repeatFrom: null, last: null };
  return { repeat: false, windowEndsOn: latest.windowEndsOn, repeatFrom: null, last: latest.source };
}

/**
 * A previous referral dated after this one (`referredAt`) cannot be the "last" one before it:
 * refused as `invalid`, naming `previousMaracReferralAt`.
 */
export function requirePreviousReferralBefore(previousReferralAt: string | undefined, referredAt: string): void {
  if (previousReferralAt === undefined) return;
  const previous = previousReferralDate(previousReferralAt);
  const current = ukCalendarDate(referredAt);
  if (current === undefined) throw invalid('occurredAt', 'iso-instant', 'occurredAt must be an ISO date-time');
  if (compareDates(previous, current) > 0) {
    throw invalid(
      'previousMaracReferralAt',
      'marac-previous-referral-before-this-one',
      'the previous MARAC referral is dated after this referral',
    );
  }
}
