/**
 * Operation Alliance rules: who the scheme serves, how an engagement's one outcome may change,
 * and when a follow-up is owed and overdue.
 */
import { invalid, ruleRefused } from '../../../../command-handling/src/rejections';
import { addHours, parseInstant } from '../calendar';
import { CASE_RULES } from '../rule-names';
import type { AllianceOutcome } from '../vocabulary/alliance';
import type { AllianceEngagementState, CaseState } from '../case-state';

export interface AllianceAgeRange {
  readonly minimumAge: number;
  readonly maximumAge: number;
}

/**
 * The child's age in whole years when engaged. A value that cannot be an age (negative,
 * fractional) is malformed input: `invalid`. A real age outside the scheme's range (a 9- or
 * 19-year-old) is well-formed but out of scope: `rule-refused` with rule `alliance-age-range`,
 * naming the field `ageAtEngagement`, so the client can say "Operation Alliance works with
 * children aged 10–18".
 */
export function checkAgeAtEngagement(age: number, range: AllianceAgeRange): number {
  if (!Number.isInteger(age) || age < 0 || age > 150) {
    throw invalid('ageAtEngagement', 'whole-years', 'ageAtEngagement must be a whole number of years');
  }
  if (age < range.minimumAge || age > range.maximumAge) {
    throw ruleRefused(
      CASE_RULES.allianceAgeRange,
      `Operation Alliance engages children aged ${range.minimumAge}–${range.maximumAge}; this child is ${age}`,
      'ageAtEngagement',
    );
  }
  return age;
}

/**
 * What recording `next` does to an engagement whose outcome is `current`:
 *  - `first`: no outcome yet, record it;
 *  - `unchanged`: the same outcome again (a retried request), nothing to record;
 *  - `arranged-after-waiting`: the one change allowed, awaiting-intervention → intervention-arranged;
 *  - `refused`: any other change (an outcome is a fact about that engagement, not a status).
 */
export type AllianceOutcomeChange = 'first' | 'unchanged' | 'arranged-after-waiting' | 'refused';

export function allianceOutcomeChange(current: AllianceOutcome | null, next: AllianceOutcome): AllianceOutcomeChange {
  if (current === null) return 'first';
  if (current === next) return 'unchanged';
  if (current === 'awaiting-intervention' && next === 'intervention-arranged') return 'arranged-after-waiting';
  return 'refused';
}

/**
 * Whether the scheme owes the child a follow-up after this outcome. Out-of-area children are
 * handed to their own borough's MASH, which follows them up; every other outcome — including
 * "would not engage", since children often engage once released — is followed up by the scheme.
 */
export function owesFollowUp(outcome: AllianceOutcome | null): boolean {
  return outcome !== 'out-of-area-mash-referral';
}

/** Engagement time plus the panel's follow-up hours (48 by default), as a UTC ISO instant. */
export function followUpDueAt(engagedAt: string, followUpHours: number): string {
  return addHours(engagedAt, followUpHours);
}

/**
 * Engagements whose follow-up is owed, not yet completed and past due at `now`. Due means
 * "by": at exactly the due instant a follow-up is not yet overdue. A closed or declined case
 * owes nothing.
 */
export function overdueFollowUps(state: CaseState, now: string): AllianceEngagementState[] {
  const nowMs = parseInstant(now);
  if (nowMs === undefined) throw new Error(`now must be an ISO-8601 instant with a zone, got "${now}"`);
  if (!state.exists || state.panel.kind !== 'alliance') return [];
  if (state.phase === 'closed' || state.phase === 'declined') return [];
  return Object.values(state.panel.engagements).filter(
    (engagement) =>
      owesFollowUp(engagement.outcome) &&
      engagement.followUpCompletedAt === null &&
      nowMs > (parseInstant(engagement.followUpDueAt) ?? Number.POSITIVE_INFINITY),
  );
}

/** True when any follow-up on the case is overdue at `now` (pure: the caller supplies the time). */
export function isFollowUpOverdue(state: CaseState, now: string): boolean {
  return overdueFollowUps(state, now).length > 0;
}
