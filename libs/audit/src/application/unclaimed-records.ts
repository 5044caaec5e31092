import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { claimedByReferral, type PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { residenceWithheld } from './residence-withheld';
import { recordOf } from './subject-access-records';

/** Neutral on purpose: the reviewer learns why, the report's reader no more than that it is withheld. */
export const UNCLAIMED_RECORD =
  'a record no referral claimed (a referral that failed part-way and was not retried): its address may be ' +
  "someone else's; decide before disclosure";

/**
 * The records the person holds that no referral claimed, as the person index tags them (the rule
 * lives there, not here). The report is refused until the index reaches the log's head
 * (`SubjectAccessService.whenIndexReaches`), so an index that has not seen the person here has
 * no record of theirs to judge, rather than one it has yet to replay.
 */
export function unclaimedRecordsOf(people: PersonIndexQuery, personId: string): ReadonlySet<string> {
  try {
    const records = people.person(personId)?.records ?? [];
    return new Set(records.filter((record) => !claimedByReferral(record)).map((record) => record.recordId));
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return new Set();
    throw error;
  }
}

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
