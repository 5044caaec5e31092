/**
 * What each import saw, kept in the log: stream `iomimport-<YYYY-MM>` holds, per upload of that
 * month, one `iom-cohort-batch-imported` event per batch of rows (person ids, eligibility and
 * outcome; no names), `iom-cohort-absentees-flagged` for last month's people missing from the
 * file, and a closing `iom-cohort-file-imported` with the counts, or `iom-cohort-upload-cancelled` when
 * a user cancels it before then. Batches keep every event small
 * (EventStoreDB refuses large appends). The next month is compared with the latest completed
 * upload of the latest earlier month.
 */
import type { DomainEvent } from '../../../command-handling/src/decider';
import type { IomPolicyRef } from '../../../case-lifecycle/src/domain/rules/iom-eligibility';
import type { CohortOutcome } from './cohort-comparison';

export const IMPORT_STREAM_PREFIX = 'iomimport-';
export const importStream = (month: string): string => `${IMPORT_STREAM_PREFIX}${month}`;

/** `held`: a row that could not be read, whose person was recognised; they keep last month's standing. */
export type PersonOutcome = CohortOutcome | 'held';

export interface ImportedPerson {
  readonly personId: string;
  readonly eligible: boolean;
  readonly outcome: PersonOutcome;
  /** The IOM case concerned: opened (new), flagged (expired) or already open. */
  readonly caseId?: string;
  /** The data row (1 = first under the header); absent in imports recorded before rows were kept. */
  readonly row?: number;
  /** A late file: the later month whose upload has the word; nothing was written for the person. */
  readonly supersededBy?: string;
  /**
   * The record the row's resolution brought in (the registration or the record linked to a known
   * person), null when it brought none: the upload claims that record as IOM's and no other, as
   * its correlation id is the client's and may be a MARAC referral's too. Absent on held rows
   * (they resolved no one) and in batches recorded before uploads named their records.
   */
  readonly recordId?: string | null;
  /**
   * IOM did not know the person before this upload (no IOM case, no record another upload brought
   * in) and the row opened no referral: the coordinator's files leave the id out, as they would for
   * a stranger, so a row matching only another panel's person says nothing of it. Absent otherwise,
   * and in batches recorded before uploads withheld ids.
   */
  readonly idWithheld?: true;
}

/** Last month's person missing from the file; a case is named only when it was flagged. */
export interface AbsentPerson {
  readonly personId: string;
  readonly caseId?: string;
  /** A late file: the later month whose upload has the word on their open case, left unflagged. */
  readonly supersededBy?: string;
}

/**
 * A row found bad only while importing (the file's own checks are made again from the file):
 * kept with the batch so the same file uploaded again lists it. No message: the reason says it.
 */
export interface ImportRowProblem {
  readonly row: number;
  /** `crn` or `pnc`: the cell holding a value corrected on the record of the person the row otherwise matches. */
  readonly field: 'person' | 'crn' | 'pnc';
  readonly reason: 'duplicate-person' | 'person-unresolved' | 'identifier-corrected-on-record';
  /**
   * The IOM case the value was corrected through, for `identifier-corrected-on-record` (the row was
   * not resolved: nothing was written for it, so it claims no record).
   */
  readonly caseId?: string;
  /**
   * A duplicate row's resolution still brought in a record (its own CRN, linked to the person an
   * earlier row had): named here for the upload to claim it as IOM's, as it would a row's. Absent
   * on unresolved rows and in batches recorded before duplicates named theirs.
   */
  readonly recordId?: string | null;
}

export type CohortBatchImported = DomainEvent<
  'iom-cohort-batch-imported',
  {
    readonly month: string;
    readonly fileDigest: string;
    readonly batch: number;
    readonly people: readonly ImportedPerson[];
    readonly problems?: readonly ImportRowProblem[];
  }
>;

export type CohortAbsenteesFlagged = DomainEvent<
  'iom-cohort-absentees-flagged',
  {
    readonly month: string;
    readonly fileDigest: string;
    readonly batch: number;
    readonly people: readonly AbsentPerson[];
  }
>;

export interface ImportCounts {
  readonly rows: number;
  readonly imported: number;
  readonly bad: number;
  readonly new: number;
  readonly expired: number;
  readonly unchanged: number;
  readonly held: number;
}

export type CohortFileImported = DomainEvent<
  'iom-cohort-file-imported',
  ImportCounts & {
    readonly month: string;
    readonly fileDigest: string;
    readonly policy: IomPolicyRef;
    /** The month compared with, or null for the first import. */
    readonly comparedWith: string | null;
    /** A late file: the latest later month whose upload has the word (absent when not late). */
    readonly supersededBy?: string;
  }
>;

/**
 * A user cancelled the upload before it completed (not a shutdown or a lost lease: those resume).
 * What it wrote on cases stays; its rows, which no completion will ever count, are released. The
 * same file uploaded again records its rows anew and counts them when it completes.
 */
export type CohortUploadCancelled = DomainEvent<
  'iom-cohort-upload-cancelled',
  { readonly month: string; readonly fileDigest: string }
>;

export type CohortImportEvent =
  | CohortBatchImported
  | CohortAbsenteesFlagged
  | CohortFileImported
  | CohortUploadCancelled;

/** Last month's standing, from the events of its latest completed upload: person id → eligible. */
export function cohortSnapshot(events: readonly CohortImportEvent[]): Map<string, boolean> | undefined {
  const completed = [...events].reverse().find((event) => event.type === 'iom-cohort-file-imported');
  if (completed === undefined) return undefined;
  const snapshot = new Map<string, boolean>();
  for (const event of events) {
    if (event.type !== 'iom-cohort-batch-imported' || event.data.fileDigest !== completed.data.fileDigest) continue;
    for (const person of event.data.people) snapshot.set(person.personId, person.eligible);
  }
  return snapshot;
}
