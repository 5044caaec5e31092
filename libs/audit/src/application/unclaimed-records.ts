import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { residenceWithheld } from './residence-withheld';
import { recordOf } from './subject-access-records';

/** Neutral on purpose: the reviewer learns why, the report's reader no more than that it is withheld. */
export const UNCLAIMED_RECORD =
  'a record no referral claimed (a referral that failed part-way and was not retried): its address may be ' +
  "someone else's; decide before disclosure";

/**
 * An event about a record no referral claimed gives its address, postcode and the match levels
 * and score measured on them only after review, like a MARAC perpetrator's record: the person view
 * keeps them from every panel, as the referral that wrote them may have given a victim's household
 * for him. What is withheld comes back as relative paths into the data.
 */
export function withoutUnclaimedResidence(
  event: RecordedEvent,
  data: unknown,
  unclaimed: ReadonlySet<string>,
): { data: unknown; paths: string[] } {
  const record = recordOf(event);
  if (record === undefined || !unclaimed.has(record)) return { data, paths: [] };
  return residenceWithheld(data);
}
