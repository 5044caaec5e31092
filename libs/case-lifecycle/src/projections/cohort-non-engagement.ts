/**
 * IOM enforcement practice: non-engagement for three months or more triggers intensive background
 * checks (cohort-enforcement.ts). Non-engagement is the motivation & engagement level "no
 * attendance or engagement"; it runs from the UK date engagement was last recorded as engaging (any
 * other level), or, when it never was on this case, from the first record of no engagement.
 */
import { ukDay, type EngagementLevel } from '../domain';

export const NOT_ENGAGING: EngagementLevel = 'no-attendance-or-engagement';
// The query's enum is read from here.
export { ENFORCEMENT_FILTERS, type Enforcement } from './cohort-enforcement';

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
