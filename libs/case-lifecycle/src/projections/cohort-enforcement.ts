/**
 * IOM enforcement practice (the domain brief): non-engagement for three months or more triggers
 * intensive background checks (`nonEngagementSince`, cohort-non-engagement.ts); six months or more
 * unlocated triggers consideration of a media appeal (`unlocatedSince`, cohort-unlocated.ts). Both
 * count calendar months back from today's UK date (or the `asOf` day): a run that started on that
 * day of the month three (six) months ago is due. A case may be due both.
 */
import { addCalendarMonths, formatDate, parseDateOnly } from '../domain';

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

/** The latest UK day a run may have started on and be due `enforcement` on `today`. */
export function dueFrom(enforcement: Enforcement, today: string): string {
  const date = parseDateOnly(today);
  return date === undefined ? today : formatDate(addCalendarMonths(date, -ENFORCEMENT_RULES[enforcement].months));
}

/** Every enforcement due on `today`, in the order of `ENFORCEMENT_FILTERS`; none: `[]`. */
export function enforcementDue(runs: EnforcementRuns, today: string): Enforcement[] {
  return ENFORCEMENT_FILTERS.filter((enforcement) => {
    const since = runs[ENFORCEMENT_RULES[enforcement].column];
    return since !== null && since <= dueFrom(enforcement, today);
  });
}
