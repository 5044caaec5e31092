import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { WITHHELD } from './third-party';

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

/**
 * Correlation id → perpetrator, for each MARAC referral among `referrals`. The records a referral
 * brings in are written under its correlation id, just before it (the person index's rule).
 */
export function perpetratorReferrals(referrals: readonly (RecordedEvent | undefined)[]): Map<string, string> {
  const byCorrelation = new Map<string, string>();
  for (const referral of referrals) {
    const perpetrator = recordedPerpetrator(referral);
    const correlationId = referral?.metadata.correlationId;
    if (perpetrator !== undefined && typeof correlationId === 'string') byCorrelation.set(correlationId, perpetrator);
  }
  return byCorrelation;
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
  const correlationId = event.metadata.correlationId;
  if (owner === undefined || typeof correlationId !== 'string' || referrals.get(correlationId) !== owner)
    return { data, paths: [] };
  const paths: string[] = [];
  const copy = { ...(data as Record<string, unknown>) };
  const details = copy['details'];
  if (typeof details === 'object' && details !== null) {
    const shown = { ...(details as Record<string, unknown>) };
    for (const key of ['address', 'postcode'])
      if (shown[key] !== undefined && shown[key] !== WITHHELD) {
        shown[key] = WITHHELD;
        paths.push(`.details.${key}`);
      }
    copy['details'] = shown;
  }
  for (const key of ['levels', 'score'])
    if (copy[key] !== undefined && copy[key] !== WITHHELD) {
      copy[key] = WITHHELD;
      paths.push(`.${key}`);
    }
  return { data: copy, paths };
}
