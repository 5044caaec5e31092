/**
 * A referral is recorded once it has been made. Every later step on the case is dated from the
 * referral's UK day on, so a referral dated tomorrow could not be listed, given actions or
 * interventions until then; under MARAC it would also open a repeat window in the future.
 */
import { requireNotInFuture } from '../input-checks';
import type { PanelRules } from '../panel-registry';
import { CASE_RULES } from '../rule-names';

/** MARAC and Alliance refused it first under their own names, which clients already read. */
const NOT_IN_FUTURE: Record<PanelRules['kind'], string> = {
  marac: CASE_RULES.maracNotInFuture,
  alliance: CASE_RULES.allianceNotInFuture,
  iom: CASE_RULES.referralNotInFuture,
  generic: CASE_RULES.referralNotInFuture,
};

/** Refuses (400, naming `referredAt`) a referral dated later than `now`, beyond clock skew. */
export function requireReferredByNow(referredAt: string, now: string, kind: PanelRules['kind']): void {
  requireNotInFuture(referredAt, now, 'referredAt', NOT_IN_FUTURE[kind]);
}
