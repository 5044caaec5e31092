/**
 * IOM enforcement practice (the domain brief): non-engagement for three months or more triggers
 * intensive background checks (`nonEngagementSince`, cohort-non-engagement.ts); six months or more
 * unlocated triggers consideration of a media appeal (`unlocatedSince`, cohort-unlocated.ts). A run
 * is due once three (six) calendar months from its first UK day have been reached, counted forward
 * as everywhere else (`addCalendarMonths`): a run from 30 November reaches three months on
 * 28 February (29 in a leap year), the last day of the month having no 30th. Judged on today's UK
 * date, or the `asOf` day. A case may be due both.
 */
import { addCalendarMonths, compareDates, daysInMonth, formatDate, parseDateOnly } from '../domain';

export const ENFORCEMENT_FILTERS = ['background-checks', 'media-appeal'] as const;
export type Enforcement = (typeof ENFORCEMENT_FILTERS)[number];

export const BACKGROUND_CHECK_MONTHS = 3;
export const MEDIA_APPEAL_MONTHS = 6;

/** UK dates the runs started on, as the tracker's row holds them; null when no run is open. */
export interface EnforcementRuns {
  readonly non_engagement_since: string | null;
  readonly unlocated_since: string | null;
}

/** Each enforcement's run, as a column of the row, and how many months make it due. */
export const ENFORCEMENT_RULES: Readonly<Record<Enforcement, { column: keyof EnforcementRuns; months: number }>> = {
  'background-checks': { column: 'non_engagement_since', months: BACKGROUND_CHECK_MONTHS },
  'media-appeal': { column: 'unlocated_since', months: MEDIA_APPEAL_MONTHS },
};

/**
 * The latest UK day a run may have started on and be due `enforcement` on `today`, so that the
 * tracker's SQL filter can ask `since <= dueFrom(...)`. Counting forward never overtakes: a later
 * start never reaches its months sooner, so the runs due are exactly those up to one day. That day
 * is `today` counted back, except on the last day of a month, when every start in the month
 * counted back is due (30 and 31 November + 3 months both end on 28 February).
 */
export function dueFrom(enforcement: Enforcement, today: string): string {
  const date = parseDateOnly(today);
  if (date === undefined) return today;
  const back = addCalendarMonths(date, -ENFORCEMENT_RULES[enforcement].months);
  const monthEnds = date.day === daysInMonth(date.year, date.month);
  return formatDate(monthEnds ? { ...back, day: daysInMonth(back.year, back.month) } : back);
}

/** Whether a run started on `since` (a UK date) is due `enforcement` on `today`. */
function isDue(enforcement: Enforcement, since: string, today: string): boolean {
  const start = parseDateOnly(since);
  const day = parseDateOnly(today);
  if (start === undefined || day === undefined) return false;
  return compareDates(addCalendarMonths(start, ENFORCEMENT_RULES[enforcement].months), day) <= 0;
}

/** Every enforcement due on `today`, in the order of `ENFORCEMENT_FILTERS`; none: `[]`. */
export function enforcementDue(runs: EnforcementRuns, today: string): Enforcement[] {
  return ENFORCEMENT_FILTERS.filter((enforcement) => {
    const since = runs[ENFORCEMENT_RULES[enforcement].column];
    return since !== null && isDue(enforcement, since, today);
  });
}
