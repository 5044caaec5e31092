/**
 * IOM enforcement practice: non-engagement for three months or more triggers intensive background
 * checks (cohort-enforcement.ts). Non-engagement is the motivation & engagement level "no
 * attendance or engagement"; it runs from the UK date engagement was last recorded as engaging (any
 * other level), or, when it never was on this case, from the first record of no engagement.
 *
 * Records count in the order they happened (`occurredAt`), not the order they were entered: a
 * review entered late about an earlier day neither ends nor restarts the run that followed it.
 */
import { notBefore, ukDayOf, type EngagementLevel } from '../domain';

export const NOT_ENGAGING: EngagementLevel = 'no-attendance-or-engagement';
// The query's enum is read from here.
export { ENFORCEMENT_FILTERS, type Enforcement } from './cohort-enforcement';

/** What a case keeps of its engagement records: the latest level and the instants the run is read from. */
export interface EngagementTrack {
  engagementLevel: EngagementLevel | null;
  /** When the current level was recorded as happening. */
  engagementAt: string | null;
  /** The latest engaging record's instant, and the earliest of no engagement. */
  lastEngagedAt: string | null;
  firstNotEngagedAt: string | null;
  /** UK date of the latest engaging record. */
  lastEngagedOn: string | null;
  /** UK date non-engagement runs from while the latest level is no engagement; else null. */
  nonEngagementSince: string | null;
}

/** One `engagement-recorded`, in whatever order it was entered: the level and the run as of the latest record. */
export function engagementRecorded(track: EngagementTrack, level: EngagementLevel, occurredAt: string): void {
  if (notBefore(occurredAt, track.engagementAt ?? undefined)) {
    track.engagementLevel = level;
    track.engagementAt = occurredAt;
  }
  if (level !== NOT_ENGAGING) {
    if (notBefore(occurredAt, track.lastEngagedAt ?? undefined)) track.lastEngagedAt = occurredAt;
  } else if (track.firstNotEngagedAt === null || !notBefore(occurredAt, track.firstNotEngagedAt)) {
    track.firstNotEngagedAt = occurredAt;
  }
  track.lastEngagedOn = track.lastEngagedAt === null ? null : ukDayOf(track.lastEngagedAt);
  const since = track.lastEngagedOn ?? (track.firstNotEngagedAt === null ? null : ukDayOf(track.firstNotEngagedAt));
  track.nonEngagementSince = track.engagementLevel === NOT_ENGAGING ? since : null;
}
