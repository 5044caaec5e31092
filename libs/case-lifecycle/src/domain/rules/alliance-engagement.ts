/**
 * Operation Alliance rules: who the scheme serves, how an engagement's one outcome may change,
 * and when a follow-up is owed and overdue.
 */
import { ruleRefused } from '../../../../command-handling/src/rejections';
import { addHours, parseInstant } from '../calendar';
import { CASE_RULES } from '../rule-names';
import type { AllianceOutcome } from '../vocabulary/alliance';
import type { AllianceEngagementState, CaseState } from '../case-state';
import { homeBoroughNamed } from './alliance-residence';

export { ageOnUkDate, checkAgeAtEngagement, type AllianceAgeRange } from './alliance-age';
export { boroughsNamed, checkResidenceNamesOneBorough, homeBoroughNamed } from './alliance-residence';

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
 * When the follow-up is due: the panel's follow-up hours (48 by default) after `from`, the
 * release once it is recorded, else the engagement (see `followUpShown` for how it is shown).
 */
export function followUpDueAt(from: string, followUpHours: number): string {
  return addHours(from, followUpHours);
}

/** What an engagement's recorded due time counts from. */
export type FollowUpAnchor = 'engagement' | 'release';

/**
 * What the follow-up counts from as a coordinator sees it: `awaiting-release` while the child
 * is still held, when it is not yet due at all.
 */
export type FollowUpFrom = FollowUpAnchor | 'awaiting-release';

export function followUpAnchor(engagement: Pick<AllianceEngagementState, 'releasedAt'>): FollowUpAnchor {
  return engagement.releasedAt === null ? 'engagement' : 'release';
}

/** The current status (Alliance's registry) of a child the police still hold. */
export const HELD_IN_CUSTODY = 'in-custody';

/**
 * The follow-up as the tracker shows it. The scheme follows children up within 48 hours of
 * release, so while the case's current status is `in-custody` and no release is recorded it is
 * not due (`dueAt: null`, never overdue). Once a release is recorded it is due from the release.
 * If the status leaves `in-custody` with no release recorded, the release time is unknown: it
 * counts from the engagement again (the earliest the child could have left), which shows it
 * overdue rather than letting the child drop off the list until the release is recorded.
 */
export function followUpShown(
  anchor: FollowUpAnchor,
  dueAt: string,
  currentStatus: string | null,
): { readonly from: FollowUpFrom; readonly dueAt: string | null } {
  if (anchor === 'engagement' && currentStatus === HELD_IN_CUSTODY) return { from: 'awaiting-release', dueAt: null };
  return { from: anchor, dueAt };
}

/**
 * Whether a borough of residence is one the scheme keeps its children in: one whose name the
 * text holds as a word, whatever else was typed around it (`homeBoroughNamed`).
 */
export function livesInHomeBorough(residenceBorough: string, homeBoroughs: readonly string[]): boolean {
  return homeBoroughNamed(residenceBorough, homeBoroughs) !== null;
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
  const home = outcome === 'out-of-area-mash-referral' ? homeBoroughNamed(residenceBorough, homeBoroughs) : null;
  if (home !== null) {
    throw ruleRefused(
      CASE_RULES.allianceOutOfAreaResidence,
      `the residence recorded, ${JSON.stringify(residenceBorough.trim())}, names ${home}, one of the scheme's boroughs ` +
        `(${homeBoroughs.join(', ')}); out-of-area MASH referrals are for children living elsewhere`,
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
 * owes nothing, and a child still held is not yet owed it (`followUpShown`).
 */
export function overdueFollowUps(state: CaseState, now: string): AllianceEngagementState[] {
  const nowMs = parseInstant(now);
  if (nowMs === undefined) throw new Error(`now must be an ISO-8601 instant with a zone, got "${now}"`);
  if (!state.exists || state.panel.kind !== 'alliance') return [];
  if (state.phase === 'closed' || state.phase === 'declined') return [];
  const { currentStatus } = state;
  return Object.values(state.panel.engagements).filter((engagement) => {
    if (!owesFollowUp(engagement.outcome) || engagement.followUpCompletedAt !== null) return false;
    const { dueAt } = followUpShown(followUpAnchor(engagement), engagement.followUpDueAt, currentStatus);
    return dueAt !== null && nowMs > (parseInstant(dueAt) ?? Number.POSITIVE_INFINITY);
  });
}

/** True when any follow-up on the case is overdue at `now` (pure: the caller supplies the time). */
export function isFollowUpOverdue(state: CaseState, now: string): boolean {
  return overdueFollowUps(state, now).length > 0;
}
