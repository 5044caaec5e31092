/**
 * IOM enforcement practice: non-engagement for three months or more triggers intensive background
 * checks. Non-engagement is the motivation & engagement level "no attendance or engagement"; it
 * runs from the UK date engagement was last recorded as engaging (any other level), or, when it
 * never was on this case, from the first record of no engagement. The six-month "unlocated" rule
 * (a media appeal) is not derived: no event records that a person cannot be located (the IOM
 * statuses stop at "in breach or wanted", which says nothing of how long they have been missing).
 */
import { addCalendarMonths, formatDate, parseDateOnly, ukDay, type EngagementLevel } from '../domain';

export const NOT_ENGAGING: EngagementLevel = 'no-attendance-or-engagement';
export const BACKGROUND_CHECK_MONTHS = 3;
export const ENFORCEMENT_FILTERS = ['background-checks'] as const;
export type Enforcement = (typeof ENFORCEMENT_FILTERS)[number];

export interface EngagementRun {
  /** UK date of the latest record of an engaging level (log order, as the level column). */
  lastEngagedOn: string | null;
  /** UK date non-engagement runs from while the latest level is no engagement; else null. */
  nonEngagementSince: string | null;
}

/** One `engagement-recorded`, in log order: the run goes on, starts, or ends. */
export function engagementRun(run: EngagementRun, level: EngagementLevel, occurredAt: string): EngagementRun {
  const day = ukDay(occurredAt) ?? occurredAt.slice(0, 10);
  if (level !== NOT_ENGAGING) return { lastEngagedOn: day, nonEngagementSince: null };
  return { lastEngagedOn: run.lastEngagedOn, nonEngagementSince: run.nonEngagementSince ?? run.lastEngagedOn ?? day };
}

/** The latest day a run may have started on and be due background checks on `today` (UK dates). */
export function backgroundChecksFrom(today: string): string {
  const date = parseDateOnly(today);
  return date === undefined ? today : formatDate(addCalendarMonths(date, -BACKGROUND_CHECK_MONTHS));
}

export function enforcementDue(nonEngagementSince: string | null, today: string): Enforcement | null {
  return nonEngagementSince !== null && nonEngagementSince <= backgroundChecksFrom(today) ? 'background-checks' : null;
}
