/**
 * One open case per person, on the panels that manage a person rather than hear referrals.
 *
 * IOM manages a nominal: the cohort's size is a count of people, and each month's upload evaluates
 * or flags the one open case it finds for them. A second open case would count him twice and split
 * his actions, rating and meetings across two cases, so a referral while one is open is refused.
 *
 * Not on MARAC: a victim re-referred within 12 months of her last referral is a repeat (SafeLives),
 * which must be referred, flagged and tagged even while a case is open. Not on Operation Alliance:
 * each referral is one custody-suite engagement with its own outcome and follow-up; a child
 * arrested again is engaged again, and the evaluation counts engagements (and distinct children
 * beside them). Not on generic panels, whose configuration says nothing of it.
 */
import { Rejection } from '../../../../command-handling/src/rejections';
import type { CaseState } from '../case-state';
import type { PanelKind } from '../panel-registry';
import { CASE_RULES } from '../rule-names';

export const oneOpenCasePerPerson = (kind: PanelKind): boolean => kind === 'iom';

/** Still in play: referred and not yet decided, or accepted (adopted) and not closed. */
export const isOpenCase = (state: CaseState): boolean =>
  state.exists && (state.phase === 'referred' || state.phase === 'accepted');

/** The refusal, naming the open case. */
export function secondOpenCaseRefused(panelCode: string, openCaseId: string): Rejection {
  const message =
    `this person already has an open ${panelCode} case, ${openCaseId}: ` +
    `a person has one open ${panelCode} case; work on it, or close or reject it before referring again`;
  return new Rejection('conflict', CASE_RULES.oneOpenCasePerPerson, message, [
    { field: 'person', rule: CASE_RULES.oneOpenCasePerPerson, message },
  ]);
}
