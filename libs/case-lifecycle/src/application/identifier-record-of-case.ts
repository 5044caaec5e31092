import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { identityStream } from '../../../identity/src/domain/person-links';
import { personStream } from '../domain';
import { brought, broughtInBy } from './record-of-referral-panel';
import type { RecordOfCase } from './case-person-record';

type CaseOfPerson = { readonly caseId: string; readonly personId: string };

/**
 * The record an identifier correction through a case acts on: the one that case's own referral
 * brought in (its registration, or the record it linked), wherever a split has taken it since.
 * Unlike the other details, which go on the panel's first record so a victim's latest MARAC
 * details are read in one place, an identifier is wrong on the record whose referral typed it: a
 * repeat referral's mistyped PNC ID is on the repeat's record, never on the registration. Undefined
 * when the referral names no record it brought in (then the other details' record is used).
 */
export async function identifierRecordOfCase(
  store: EventStore,
  current: CaseOfPerson,
): Promise<RecordOfCase | undefined> {
  const by = await broughtInBy(store, current.caseId);
  if (by === undefined) return undefined;
  const [registration] = await store.readStream(personStream(current.personId), { maxCount: 1 });
  if (registration !== undefined && brought(by, current.personId, registration.metadata)) {
    return {
      holder: await heldNow(store, current.personId, { recordId: current.personId }),
      recordId: current.personId,
      registration: true,
    };
  }
  // A linked record lives on the identity stream of the person it was linked to, the case's subject then.
  for (const event of await store.readStream(identityStream(current.personId))) {
    const { recordId } = event.data as { recordId?: unknown };
    if (event.type !== 'person-record-linked' || typeof recordId !== 'string') continue;
    if (!brought(by, recordId, event.metadata)) continue;
    return { holder: await heldNow(store, current.personId, { recordId }), recordId, registration: false };
  }
  return undefined;
}
