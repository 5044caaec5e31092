import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream, personStream } from '../domain/stream-names';

/** One of the person's referrals, as the referral history notes it. */
interface NotedReferral {
  readonly caseId: string;
  readonly panelCode: string;
}

/** The correlation id a stream's first event was written under: its referral's, for a case or a registration. */
export const openedUnder = async (store: EventStore, stream: string): Promise<string | undefined> => {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  return first?.metadata.correlationId;
};

/**
 * Was the person's record brought in by this referral, or by an earlier referral to the same
 * panel? A registration shares its referral's correlation id. Only such a record may take the
 * details a referral gives about the person: on a record another panel brought in, that panel's
 * members would read a MARAC victim's disability and language.
 *
 * Without a correlation id (details recorded through a case, not a referral), only the earlier
 * referrals to the panel can have brought the record in.
 */
export async function recordOfReferralPanel(
  store: EventStore,
  personId: string,
  referral: { readonly panelCode: string; readonly correlationId?: string },
  earlier: readonly NotedReferral[],
): Promise<boolean> {
  const registeredBy = await openedUnder(store, personStream(personId));
  if (registeredBy === undefined) return false;
  if (registeredBy === referral.correlationId) return true;
  const samePanel = earlier.filter((r) => r.panelCode === referral.panelCode).map((r) => r.caseId);
  for (const caseId of new Set(samePanel)) {
    if ((await openedUnder(store, caseStream(caseId))) === registeredBy) return true;
  }
  return false;
}
