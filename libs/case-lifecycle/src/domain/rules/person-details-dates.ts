/**
 * New details of a case's person are what the case learnt, so they are dated as every other step
 * on it: from its referral's UK day on (details dated years before would be taken, as of any day
 * before the case existed, for what its panel knew then) and not ahead of the server's clock.
 * Deciders have no clock: the route asks this with the time it stamps on the event.
 */
import type { CaseRecord } from '../case-state';
import { datedFromReferral } from '../decisions/case-work';
import { requireNotInFuture } from '../input-checks';
import { PERSON_RULES } from '../rule-names';

/** Refuses (400, naming `occurredAt`) details dated before the case's referral day, or later than `now` beyond skew. */
export function requireDetailsDatedOnCase(record: CaseRecord, occurredAt: string, now: string): void {
  datedFromReferral(record, occurredAt, PERSON_RULES.detailsFromReferral);
  requireNotInFuture(occurredAt, now, 'occurredAt', PERSON_RULES.detailsNotInFuture);
}
