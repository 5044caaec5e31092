import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { residenceWithheld } from './residence-withheld';

const PERSON_STREAM = 'person-';

/**
 * The perpetrator a MARAC referral names (`details.perpetrator.personId`), as recorded, or
 * undefined for any other referral or event, or one made before he was identified.
 */
export function recordedPerpetrator(referral: RecordedEvent | undefined): string | undefined {
  if (referral?.type !== 'referral-made') return undefined;
  const details = (referral.data as { details?: { kind?: unknown; perpetrator?: { personId?: unknown } } }).details;
  const id = details?.kind === 'marac' ? details.perpetrator?.personId : undefined;
  return typeof id === 'string' ? id : undefined;
}

type Marks = RecordedEvent['metadata'];

/*
 * Keys of what `perpetratorReferrals` learns from a person's cases. The correlation id is the
 * client's (`X-Correlation-Id`) and a front-end may send a whole session under one, so alone it
 * would tie a record to any MARAC referral of that session. `recordedAt` is the server's clock when
 * the request arrived, shared by everything one API request wrote: the referral and the records its
 * resolution brought in. A MARAC referral is made only through the API, so under one clock.
 */
const inRequest = (marks: Marks, perpetrator: string) =>
  JSON.stringify(['request', marks.correlationId, marks.recordedAt, perpetrator]);
const inSession = (marks: Marks, perpetrator: string) => JSON.stringify(['session', marks.correlationId, perpetrator]);
const caseOpened = (marks: Marks) => JSON.stringify(['case', marks.correlationId, marks.recordedAt]);
const subjectRecord = (recordId: string) => JSON.stringify(['subject-record', recordId]);
const perpetratorRecord = (recordId: string) => JSON.stringify(['perpetrator-record', recordId]);

/**
 * His record a MARAC referral names (the server's own id, in metadata: `referral-made` has no field
 * for it), whichever request wrote it: a retry names the one its failed attempt wrote, perhaps under
 * another correlation id. Undefined for referrals recorded before they named it.
 */
function namedPerpetratorRecord(referral: RecordedEvent): string | undefined {
  const { perpetratorRecordId } = referral.metadata;
  return typeof perpetratorRecordId === 'string' ? perpetratorRecordId : undefined;
}

/**
 * What the person's cases (their first events, `referrals`) say about the records they brought in:
 * the perpetrator's record each MARAC referral names, or for one recorded before referrals named it,
 * its request and the perpetrator it names; the same under its correlation id alone, the request of
 * every case, and the subject's record each case names (`recordId`). Keys are opaque to callers; the
 * map only goes to {@link withoutReferralResidence}.
 */
export function perpetratorReferrals(referrals: readonly (RecordedEvent | undefined)[]): Map<string, string> {
  const known = new Map<string, string>();
  for (const referral of referrals) {
    if (referral === undefined) continue;
    known.set(caseOpened(referral.metadata), referral.stream);
    const { recordId } = (referral.data ?? {}) as { recordId?: unknown };
    if (typeof recordId === 'string') known.set(subjectRecord(recordId), referral.stream);
    const perpetrator = recordedPerpetrator(referral);
    if (perpetrator === undefined) continue;
    const named = namedPerpetratorRecord(referral);
    // A request names no record exactly: two sent under one correlation id in one millisecond look alike.
    if (named === undefined) known.set(inRequest(referral.metadata, perpetrator), perpetrator);
    else known.set(perpetratorRecord(named), perpetrator);
    known.set(inSession(referral.metadata, perpetrator), perpetrator);
  }
  return known;
}

/**
 * Did a MARAC referral bring this record in for its perpetrator? It names the record (`perpetratorRecordId`),
 * or, recorded before referrals named it, the record was written in the referral's request and is
 * `owner`'s. Or written under the same correlation id by a request that opened none of his cases and
 * is no case's own record: what a failed attempt left that its retry did not take over (a changed
 * body; nothing names it, and its address may be hers). Still not told apart, and so withheld for a
 * person to decide on: an upload's record of him that opened no referral (or opened one before
 * uploads named their records) under a correlation id reused for a MARAC referral naming him, and,
 * for older referrals only, a record of his another request wrote under the same correlation id in
 * the same millisecond.
 */
function broughtInForPerpetrator(event: RecordedEvent, owner: string, known: ReadonlyMap<string, string>): boolean {
  const record = event.type === 'person-registered' ? owner : (event.data as { recordId?: unknown }).recordId;
  if (typeof record === 'string' && known.has(perpetratorRecord(record))) return true;
  if (known.has(inRequest(event.metadata, owner))) return true;
  if (!known.has(inSession(event.metadata, owner)) || known.has(caseOpened(event.metadata))) return false;
  return typeof record !== 'string' || !known.has(subjectRecord(record));
}

/** Whose record a registration or a link is: the registered person's, or the person it joined. */
function recordOwner(event: RecordedEvent): string | undefined {
  if (event.type === 'person-registered' && event.stream.startsWith(PERSON_STREAM))
    return event.stream.slice(PERSON_STREAM.length);
  const personId = (event.data as { personId?: unknown } | null)?.personId;
  return event.type === 'person-record-linked' && typeof personId === 'string' ? personId : undefined;
}

/**
 * A record a MARAC referral brought in for its perpetrator holds what the victim's side gave: an
 * address and postcode that are often her household's, and match levels and a score measured on
 * them. Those are hers as much as his (DPA 2018 Sch 2 Part 3 para 16): withheld for a person to
 * decide, as the relative paths into the event's data. His names, dates and identifiers stay.
 */
export function withoutReferralResidence(
  event: RecordedEvent,
  data: unknown,
  referrals: ReadonlyMap<string, string>,
): { data: unknown; paths: string[] } {
  const owner = recordOwner(event);
  if (owner === undefined || !broughtInForPerpetrator(event, owner, referrals)) return { data, paths: [] };
  return residenceWithheld(data);
}
