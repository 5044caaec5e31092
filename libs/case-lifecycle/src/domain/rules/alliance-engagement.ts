/**
 * Operation Alliance rules: who the scheme serves, how an engagement's one outcome may change,
 * and when a follow-up is owed and overdue.
 */
import { ruleRefused } from '../../../../command-handling/src/rejections';
import { addHours, parseInstant } from '../calendar';
import { CASE_RULES } from '../rule-names';
import type { AllianceOutcome } from '../vocabulary/alliance';
import type { AllianceEngagementState, CaseState } from '../case-state';

export { ageOnUkDate, checkAgeAtEngagement, type AllianceAgeRange } from './alliance-age';

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

/**
 * When the follow-up is due: the panel's follow-up hours (48 by default) after `from`. The scheme
 * follows children up after release, so `from` is the release once it is recorded; until then
 * it is the engagement (the earliest the child could have been released), which the tracker
 * labels `followUpFrom: 'engagement'`.
 */
export function followUpDueAt(from: string, followUpHours: number): string {
  return addHours(from, followUpHours);
}

/** What the follow-up due time counts from. */
export type FollowUpFrom = 'engagement' | 'release';

export function followUpFrom(engagement: Pick<AllianceEngagementState, 'releasedAt'>): FollowUpFrom {
  return engagement.releasedAt === null ? 'engagement' : 'release';
}

/**
 * Whether a borough of residence is one the scheme keeps its children in, compared trimmed and
 * without regard to case ("haringey " is Haringey). Free text, so "London Borough of Haringey"
 * is not recognised: record the borough's own name.
 */
export function livesInHomeBorough(residenceBorough: string, homeBoroughs: readonly string[]): boolean {
  const borough = residenceBorough.trim().toLowerCase();
  return homeBoroughs.some((home) => home.trim().toLowerCase() === borough);
}

/**
 * "Out of area — MASH referral completed" is for a child living outside the scheme's boroughs.
 * A home-borough child handed to a MASH would silently drop out of follow-up, so it is refused.
 * The reverse is allowed: a child living elsewhere may still be engaged locally (the 2020
 * evaluation counts 35 children resident outside the two boroughs but 22 MASH referrals).
 */
export function checkOutcomeForResidence(
  outcome: AllianceOutcome,
  residenceBorough: string,
  homeBoroughs: readonly string[],
): AllianceOutcome {
  if (outcome === 'out-of-area-mash-referral' && livesInHomeBorough(residenceBorough, homeBoroughs)) {
    throw ruleRefused(
      CASE_RULES.allianceOutOfAreaResidence,
      `the child lives in ${residenceBorough.trim()}, one of the scheme's boroughs (${homeBoroughs.join(', ')}); ` +
        'out-of-area MASH referrals are for children living elsewhere',
      'outcome',
    );
  }
  return outcome;
}

/** An outcome, release or follow-up happens at or after the engagement it belongs to. */
export function requireOnOrAfterEngagement(
  at: string,
  engagement: Pick<AllianceEngagementState, 'engagementId' | 'occurredAt'>,
  what: string,
): string {
  if ((parseInstant(at) ?? Number.NaN) >= (parseInstant(engagement.occurredAt) ?? Number.NaN)) return at;
  throw ruleRefused(
    CASE_RULES.allianceAfterEngagement,
    `${what} at ${at} is before engagement ${engagement.engagementId} at ${engagement.occurredAt}`,
    'occurredAt',
  );
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
