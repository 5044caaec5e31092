/**
 * Which person records a referral claimed, as the person index tags them (its `source_panel`): the
 * record a referral names (the subject's `recordId`, the perpetrator's `perpetratorRecordId`), one
 * written in the request of a referral recorded before referrals named their records (correlation
 * id and the server's `recordedAt`; a cohort upload's row on the correlation id alone), and one the
 * monthly IOM upload wrote for a person its batch lists. A record nothing claimed (a referral that
 * failed part-way and was never retried) is shown to no panel with its residence, so neither are
 * places derived from it. Pure: fed events by the caller, decided once the whole log is read.
 */

/** Where a record was written: the request's correlation id (the client's) and the server's clock. */
export interface WrittenIn {
  readonly correlationId: string;
  readonly recordedAt: string;
}

export interface ReferralMarks extends WrittenIn {
  /** The perpetrator's record a MARAC referral names (metadata: `referral-made` has no field for it). */
  readonly perpetratorRecordId?: string | undefined;
}

type Data = Record<string, unknown>;

/** The route of the referrals the monthly upload opens: each step of a row stamped with its own clock. */
const COHORT_UPLOAD_ROUTE = 'probation-core-cohort-upload';
/** A row the upload could not read: it resolved no one and wrote nothing. */
const HELD_ROW = 'held';

const inRequest = (personId: string, marks: WrittenIn) =>
  JSON.stringify([personId, marks.correlationId, marks.recordedAt]);
const inUpload = (personId: string, correlationId: string) => JSON.stringify([personId, correlationId]);
const asData = (value: unknown): Data => (typeof value === 'object' && value !== null ? (value as Data) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class ClaimedRecords {
  private readonly named = new Set<string>();
  private readonly requests = new Set<string>();
  private readonly uploads = new Set<string>();

  /** A `referral-made`: the records it names, and the people whose records its request wrote. */
  referral(data: unknown, marks: ReferralMarks): void {
    const referral = asData(data);
    const details = asData(referral.details);
    for (const recordId of [text(referral.recordId), marks.perpetratorRecordId])
      if (recordId !== undefined) this.named.add(recordId);
    const people = [text(referral.personId), text(asData(details.perpetrator).personId)];
    for (const personId of people) {
      if (personId === undefined) continue;
      if (details.route === COHORT_UPLOAD_ROUTE) this.uploads.add(inUpload(personId, marks.correlationId));
      else this.requests.add(inRequest(personId, marks));
    }
  }

  /** An `iom-cohort-batch-imported`: the records the upload wrote for the people it lists are IOM's. */
  cohortBatch(data: unknown, correlationId: string): void {
    const people = asData(data).people;
    for (const row of Array.isArray(people) ? people : []) {
      const { personId, outcome } = asData(row);
      if (typeof personId === 'string' && outcome !== HELD_ROW) this.uploads.add(inUpload(personId, correlationId));
    }
  }

  /** Whether a referral (or the upload) claimed a person's registration record, once all is read. */
  claimsRegistration(personId: string, written: WrittenIn): boolean {
    return (
      this.named.has(personId) ||
      this.requests.has(inRequest(personId, written)) ||
      this.uploads.has(inUpload(personId, written.correlationId))
    );
  }
}
