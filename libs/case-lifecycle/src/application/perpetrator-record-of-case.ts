import { conflict } from '../../../command-handling/src/rejections';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { heldNow } from '../../../identity/src/application/held-now';
import { identityStream } from '../../../identity/src/domain/person-links';
import { PERSON_RULES, caseStream, personStream } from '../domain';
import type { RecordOfCase } from './case-person-record';
import { perpetratorRecordNamedBy } from './person-resolution/records-named';

/** The perpetrator's record a MARAC case's referral brought in, and where it was written. */
export type PerpetratorRecord = RecordOfCase & {
  /** The person whose identity stream a linked record lives on: the one the referral named. */
  readonly linkedOn: string;
};

/**
 * The record a MARAC referral brought in for the perpetrator it names (`perpetratorRecordId` on
 * the referral), and who holds it now, after any split that moved it. His identifiers are
 * corrected there and nowhere else: the victim's record, and any record of his another panel's
 * referral brought in, are left alone. 409 `perpetrator-record-of-case` when the referral named no
 * perpetrator, or was recorded before referrals named his record.
 */
export async function perpetratorRecordOfCase(
  store: EventStore,
  caseId: string,
  perpetratorPersonId: string | undefined,
): Promise<PerpetratorRecord> {
  const [referral] = await store.readStream(caseStream(caseId), { maxCount: 1 });
  const recordId = referral === undefined ? undefined : perpetratorRecordNamedBy(referral.metadata);
  if (recordId === undefined || perpetratorPersonId === undefined) {
    throw noRecord(caseId, 'its referral names no record it brought in for a perpetrator');
  }
  const [registered] = await store.readStream(personStream(recordId), { maxCount: 1 });
  if (registered?.type === 'person-registered') {
    return {
      holder: await heldNow(store, recordId, { recordId }),
      recordId,
      registration: true,
      linkedOn: recordId,
    };
  }
  const linked = (await store.readStream(identityStream(perpetratorPersonId))).some(
    (event) => event.type === 'person-record-linked' && (event.data as { recordId?: unknown }).recordId === recordId,
  );
  if (!linked) throw noRecord(caseId, 'the record its referral names for the perpetrator was never written');
  return {
    holder: await heldNow(store, perpetratorPersonId, { recordId }),
    recordId,
    registration: false,
    linkedOn: perpetratorPersonId,
  };
}

const noRecord = (caseId: string, why: string) =>
  conflict(
    PERSON_RULES.perpetratorRecordOfCase,
    `case ${caseId}: ${why}, so there is none to correct: correct his identifiers through a case of his own`,
  );
