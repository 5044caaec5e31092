import type { EventStore } from '../../../event-store/src/port/event-store';
import { caseStream, requireDetailsDatedOnCase, type IdentifierField, type PersonIdentifiers } from '../domain';
import { caseFrom } from './case-command';
import { holds, holdsOther, type CorrectionOnRecord } from './identifier-records-alongside';
import { perpetratorRecordOfCase, type PerpetratorRecord } from './perpetrator-record-of-case';
import type { NamedRecord } from './person-resolution/perpetrator-namings';

/** A correction's write on one of his records, with the MARAC case that brought that record in. */
export type PerpetratorCorrection = CorrectionOnRecord & {
  readonly record: PerpetratorRecord;
  readonly caseId: string;
};

/** Both hold a value of the kind, the same in canonical form (as the conflict check compares them). */
const same = (field: IdentifierField, a: PersonIdentifiers, b: PersonIdentifiers): boolean =>
  holds(a, field) && holds(b, field) && !holdsOther(a, field, b[field] as string);

/**
 * What a correction of his identifiers through one MARAC case writes on his other records that
 * MARAC referrals brought in (`named`, his own left out): a repeat referral copies his details,
 * and with them a mistyped number, onto a record of its own, and the two would otherwise refuse
 * each other's correction (409 `identifier-conflict`) for ever. Only a value that record holds
 * exactly as his own record holds it now is corrected there; a record holding another value of a
 * kind set is left out whole, for the conflict check to judge. A copy is dated by its own case's
 * rule (400 `person-details-from-referral` before that case's referral day). Planned from what each
 * record holds now, so the same request sent again after a crash part-way finds the rest; the
 * caller writes these before his own record, whose old value is what tells the others apart. Every
 * record named is held by his own record's holder (the resolver's `perpetratorRecordsHeldWith`).
 */
export async function perpetratorCorrectionsAlongside(
  store: EventStore,
  own: { readonly record: PerpetratorRecord; readonly identifiers: PersonIdentifiers },
  named: readonly NamedRecord[],
  correction: { readonly set: PersonIdentifiers; readonly removed: readonly IdentifierField[] },
  dated: { readonly occurredAt: string; readonly now: string },
): Promise<PerpetratorCorrection[]> {
  const planned: PerpetratorCorrection[] = [];
  for (const other of named) {
    if (other.recordId === own.record.recordId) continue;
    const events = await store.readStream(caseStream(other.caseId));
    const his = await perpetratorRecordOfCase(store, events[0], other.caseId, other.namedPersonId);
    const held = his.identifiers;
    const copied = (field: IdentifierField) => same(field, held, own.identifiers);
    // A value of a kind set that is neither the copy nor the new value is another fact: the record is
    // left whole to the conflict check, which refuses the request rather than give him two.
    const another = Object.entries(correction.set).some(
      ([field, value]) =>
        holdsOther(held, field as IdentifierField, value as string) && !copied(field as IdentifierField),
    );
    if (another) continue;
    const set = Object.fromEntries(
      Object.entries(correction.set).filter(
        ([field, value]) =>
          copied(field as IdentifierField) && holdsOther(held, field as IdentifierField, value as string),
      ),
    ) as PersonIdentifiers;
    const removed = correction.removed.filter(copied);
    if (Object.keys(set).length === 0 && removed.length === 0) continue;
    // Written through that case, so dated as that case allows: not before its own referral's day.
    requireDetailsDatedOnCase(caseFrom(events, other.caseId), dated.occurredAt, dated.now);
    planned.push({ record: { ...his, holder: own.record.holder }, caseId: other.caseId, set, removed });
  }
  return planned;
}
