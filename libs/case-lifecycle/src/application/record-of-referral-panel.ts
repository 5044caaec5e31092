import type { EventMetadata } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream, personStream } from '../domain/stream-names';
import { CORE_COHORT_UPLOAD_ROUTE } from '../domain/vocabulary/iom';

/** One of the person's referrals, as the referral history notes it. */
interface NotedReferral {
  readonly caseId: string;
  readonly panelCode: string;
}

type RequestMarks = Pick<EventMetadata, 'correlationId' | 'recordedAt'>;

/**
 * What a case's referral says it brought in: the record it names (null: none), or, for a referral
 * recorded before referrals named it, only the marks of the request it was written in.
 */
export type BroughtIn =
  | { readonly recordId: string | null }
  | { readonly writtenIn: RequestMarks; readonly oneClock: boolean };

export async function broughtInBy(store: EventStore, caseId: string): Promise<BroughtIn | undefined> {
  const [first] = await store.readStream(caseStream(caseId), { maxCount: 1 });
  if (first === undefined) return undefined;
  const { recordId, details } = first.data as { recordId?: unknown; details?: { route?: unknown } };
  if (typeof recordId === 'string' || recordId === null) return { recordId };
  return { writtenIn: first.metadata, oneClock: details?.route !== CORE_COHORT_UPLOAD_ROUTE };
}

/**
 * The fallback for referrals recorded before they named their record: written in the same request
 * as the record. The correlation id is the client's (`X-Correlation-Id`) and a front-end may reuse
 * it for a whole session, so it is not enough alone; `recordedAt` is the server's clock when the
 * request arrived, shared by everything an API request wrote. Still alike: two requests sent under
 * one correlation id and received in the same millisecond. A cohort upload stamps each step of a
 * row with its own clock, so its referrals are matched on the correlation id alone, as before
 * (an upload sent under an id the same session reused for another panel's referral of the person
 * is not told apart) until the upload names the record too.
 */
export const sameRequest = (by: { writtenIn: RequestMarks; oneClock: boolean }, record: RequestMarks): boolean =>
  by.writtenIn.correlationId === record.correlationId &&
  (!by.oneClock || by.writtenIn.recordedAt === record.recordedAt);

/** Does this referral's record match the candidate record, by its id or (before ids) its request? */
export const brought = (by: BroughtIn, recordId: string, record: RequestMarks): boolean =>
  'recordId' in by ? by.recordId === recordId : sameRequest(by, record);

/** The person's case ids on the panel, the given ones first, each once. */
export const casesOfPanel = (panelCode: string, referrals: readonly NotedReferral[]): string[] => [
  ...new Set(referrals.filter((r) => r.panelCode === panelCode).map((r) => r.caseId)),
];

/**
 * Was the person's registration brought in by a referral to this panel (the case's own, or an
 * earlier one)? Only such a record may take the details given about the person through that panel:
 * on a record another panel brought in, that panel's members would read a MARAC victim's new
 * address, disability and language.
 */
export async function recordOfReferralPanel(
  store: EventStore,
  personId: string,
  panelCode: string,
  referrals: readonly NotedReferral[],
): Promise<boolean> {
  const [registration] = await store.readStream(personStream(personId), { maxCount: 1 });
  if (registration === undefined) return false;
  for (const caseId of casesOfPanel(panelCode, referrals)) {
    const by = await broughtInBy(store, caseId);
    if (by !== undefined && brought(by, personId, registration.metadata)) return true;
  }
  return false;
}
