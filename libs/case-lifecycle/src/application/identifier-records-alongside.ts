import { evolveAll } from '../../../command-handling/src/decider';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { normaliseIdentifier } from '../../../identity/src/domain/identifiers/validate-identifier';
import { identityStream, personLinksDecider } from '../../../identity/src/domain/person-links';
import {
  IDENTIFIER_KIND_OF_FIELD,
  personDecider,
  personStream,
  type IdentifierField,
  type PersonIdentifiers,
} from '../domain';
import type { RecordOfCase } from './case-person-record';
import { uploadRecordsOfCase } from './upload-records-of-case';

type CaseOfPerson = { readonly caseId: string; readonly personId: string };

/** A record of the case and the identifiers it holds now. */
export interface HeldRecord {
  readonly record: RecordOfCase;
  readonly identifiers: PersonIdentifiers;
}

/**
 * The IOM case's other records an identifier correction through it reaches: those the monthly
 * upload brought in for the case (`uploadRecordsOfCase`), the case's own record left out, each
 * only while the case's holder still holds it (a split may have taken one to someone else).
 */
export async function uploadRecordsAlongside(
  store: EventStore,
  current: CaseOfPerson,
  own: RecordOfCase,
  now: string,
): Promise<HeldRecord[]> {
  const ids = (await uploadRecordsOfCase(store, current.caseId, now)).filter((id) => id !== own.recordId);
  if (ids.length === 0) return [];
  const linked = evolveAll(personLinksDecider, (await store.readStream(identityStream(current.personId))) as never[]);
  const found: HeldRecord[] = [];
  for (const recordId of ids) {
    if ((await heldNow(store, current.personId, { recordId })) !== own.holder) continue;
    const registration = recordId === current.personId;
    const details = registration ? undefined : linked.recordDetails[recordId];
    if (!registration && details === undefined) continue;
    const identifiers = details?.identifiers ?? (await registrationIdentifiers(store, recordId));
    found.push({ record: { holder: own.holder, recordId, registration }, identifiers: identifiers ?? {} });
  }
  return found;
}

/** What the case's own record holds now, read as its decider would before writing on it. */
export async function identifiersHeldOn(
  store: EventStore,
  current: CaseOfPerson,
  record: RecordOfCase,
): Promise<PersonIdentifiers> {
  if (record.registration) return (await registrationIdentifiers(store, record.recordId)) ?? {};
  const linked = evolveAll(personLinksDecider, (await store.readStream(identityStream(current.personId))) as never[]);
  return linked.recordDetails[record.recordId]?.identifiers ?? {};
}

async function registrationIdentifiers(store: EventStore, personId: string): Promise<PersonIdentifiers | undefined> {
  const state = evolveAll(personDecider, (await store.readStream(personStream(personId))) as never[]);
  return state.exists ? state.details.identifiers : undefined;
}

const KIND_OF = IDENTIFIER_KIND_OF_FIELD;

/** Holds a value of the kind at all (a blank is none, as the decider's removal check reads it). */
export const holds = (identifiers: PersonIdentifiers, field: IdentifierField): boolean =>
  (identifiers[field] ?? '').trim() !== '';

/** Holds a value of the kind other than `value`, compared in canonical form where both are valid. */
export function holdsOther(identifiers: PersonIdentifiers, field: IdentifierField, value: string): boolean {
  const held = identifiers[field];
  if (held === undefined || held.trim() === '') return false;
  const canonical = (text: string) => normaliseIdentifier(KIND_OF[field], text) ?? text.trim().toUpperCase();
  return canonical(held) !== canonical(value);
}

/** One write of an identifier correction: what goes on one record of the case. */
export interface CorrectionOnRecord {
  readonly record: RecordOfCase;
  readonly set: PersonIdentifiers;
  readonly removed: readonly IdentifierField[];
}

/**
 * What an identifier correction writes on each of the case's records. The own record takes every
 * value set; another record takes a value set only where it holds a different one, so the case's
 * records agree, and a removal only where it holds the kind. A kind removed that no record holds
 * stays on the own record's write, for its decider to refuse (409 `identifier-not-on-record`).
 *
 * Each write is on its own stream, so a crash can leave some done. Planning from what each record
 * holds now is what makes a retry of the same request safe: a record already corrected holds the
 * value set (or none of the kind removed) and is skipped, the rest are written, and 409 comes only
 * when no record of the case holds a kind removed, never because part of the request was done.
 */
export function correctionsAcrossCase(
  own: HeldRecord,
  alongside: readonly HeldRecord[],
  correction: { readonly set: PersonIdentifiers; readonly removed: readonly IdentifierField[] },
): { readonly own: CorrectionOnRecord; readonly others: readonly CorrectionOnRecord[] } {
  const others = alongside.flatMap(({ record, identifiers }) => {
    const removed = correction.removed.filter((field) => holds(identifiers, field));
    const set = Object.fromEntries(
      Object.entries(correction.set).filter(([field, value]) =>
        holdsOther(identifiers, field as IdentifierField, value as string),
      ),
    ) as PersonIdentifiers;
    return removed.length === 0 && Object.keys(set).length === 0 ? [] : [{ record, set, removed }];
  });
  const removed = correction.removed.filter(
    (field) => holds(own.identifiers, field) || !others.some((other) => other.removed.includes(field)),
  );
  return { own: { record: own.record, set: correction.set, removed }, others };
}
