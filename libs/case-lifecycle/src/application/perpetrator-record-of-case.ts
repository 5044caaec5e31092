import { evolveAll } from '../../../command-handling/src/decider';
import { conflict } from '../../../command-handling/src/rejections';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { identityStream, personLinksDecider } from '../../../identity/src/domain/person-links';
import { PERSON_RULES, personDecider, personStream, type PersonIdentifiers } from '../domain';
import type { RecordOfCase } from './case-person-record';
import { perpetratorRecordNamedBy } from './person-resolution/records-named';

/** The perpetrator's record a MARAC case's referral brought in, and where it was written. */
export type PerpetratorRecord = RecordOfCase & {
  /** The person whose identity stream a linked record lives on: the one the referral named. */
  readonly linkedOn: string;
};

/** Where his record is, and the identifiers it holds now, read as its decider would before writing on it. */
export interface HisRecord {
  readonly recordId: string;
  readonly registration: boolean;
  readonly linkedOn: string;
  readonly identifiers: PersonIdentifiers;
}

/**
 * The record a MARAC referral (`referral`, the case's first event) brought in for the perpetrator
 * it names (`perpetratorRecordId` in its metadata), and what it holds. His identifiers are
 * corrected there: the victim's record, and any record of his another panel's referral brought
 * in, are left alone. Who holds it now is the caller's to find (the resolver follows merges and
 * splits). 409 `perpetrator-record-of-case` when the referral named no perpetrator, or was
 * recorded before referrals named his record.
 */
export async function perpetratorRecordOfCase(
  store: EventStore,
  referral: RecordedEvent | undefined,
  caseId: string,
  perpetratorPersonId: string | undefined,
): Promise<HisRecord> {
  const recordId = namedPerpetratorRecord(referral, caseId);
  if (perpetratorPersonId === undefined) {
    throw noRecord(caseId, 'its referral names no perpetrator');
  }
  const registered = evolveAll(personDecider, (await store.readStream(personStream(recordId))) as never[]);
  if (registered.exists) {
    return { recordId, registration: true, linkedOn: recordId, identifiers: registered.details.identifiers };
  }
  // A linked record lives on the identity stream of the person the referral named, whose state holds its details.
  const linked = evolveAll(
    personLinksDecider,
    (await store.readStream(identityStream(perpetratorPersonId))) as never[],
  );
  const details = linked.recordDetails[recordId];
  if (details === undefined) {
    throw noRecord(caseId, 'the record its referral names for the perpetrator was never written');
  }
  return { recordId, registration: false, linkedOn: perpetratorPersonId, identifiers: details.identifiers };
}

/** The id of his record the referral names; 409 `perpetrator-record-of-case` when it names none. */
export function namedPerpetratorRecord(referral: RecordedEvent | undefined, caseId: string): string {
  const recordId = referral === undefined ? undefined : perpetratorRecordNamedBy(referral.metadata);
  if (recordId === undefined) throw noRecord(caseId, 'its referral names no record it brought in for a perpetrator');
  return recordId;
}

const noRecord = (caseId: string, why: string) =>
  conflict(
    PERSON_RULES.perpetratorRecordOfCase,
    `case ${caseId}: ${why}, so there is none to correct: correct his identifiers through a case of his own`,
  );
