/** Words every panel shares. Each list is the single place its values are spelled. */

/** RAG rating of risk used across panels. */
export const RAG_RATINGS = ['red', 'amber', 'green'] as const;
export type RagRating = (typeof RAG_RATINGS)[number];

/**
 * Motivation & engagement, the four levels of the pan-London IOM platform (usable by any
 * panel that tracks engagement). Named after the platform's wording so a coordinator
 * recognises them: "no attendance or engagement", "some engagement and motivation to change",
 * "active engagement and change", "maintaining positive change".
 */
export const ENGAGEMENT_LEVELS = [
  'no-attendance-or-engagement',
  'some-engagement-and-motivation',
  'active-engagement-and-change',
  'maintaining-positive-change',
] as const;
export type EngagementLevel = (typeof ENGAGEMENT_LEVELS)[number];

/** How an agency was represented at a meeting. */
export const ATTENDANCE_STATUSES = ['present', 'apologies', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AgencyAttendance {
  readonly agency: string;
  readonly status: AttendanceStatus;
}

/** Who made a referral. Contact details let the panel go back to them with questions. */
export interface Referrer {
  readonly name: string;
  readonly agency: string;
  readonly email?: string;
  readonly phone?: string;
}

/**
 * What an intervention is, where the tracker needs to know rather than guess from its free-text
 * type: `idva` is support by an independent domestic violence advocate (MARAC's IDVA column).
 */
export const INTERVENTION_KINDS = ['idva'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];
