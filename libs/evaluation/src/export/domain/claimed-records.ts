/**
 * Which person records a referral claimed, as the person index tags them (its `source_panel`): the
 * record a referral names (the subject's `recordId`, the perpetrator's `perpetratorRecordId`), and
 * the record each row of the monthly IOM upload names (`recordId` in its batch, a duplicate row's
 * in its problem). Only a referral or batch recorded before they named records is read by where records were written: a referral's
 * request (correlation id and the server's `recordedAt`; an upload's referral on the correlation id
 * alone) and, for a batch, the upload's correlation id and the people it lists. The correlation id
 * is the client's, so a failed MARAC attempt sent under the same one is never claimed by it. A
 * record nothing claimed (a referral that failed part-way and was never retried) is shown to no
 * panel with its residence, so neither are places derived from it. Pure: fed events by the caller,
 * decided once the whole log is read.
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
/** A `recordId` field: a record, null for none, undefined when the event predates naming them. */
const namedIn = (value: unknown): string | null | undefined =>
  typeof value === 'string' || value === null ? value : undefined;
const asData = (value: unknown): Data => (typeof value === 'object' && value !== null ? (value as Data) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class ClaimedRecords {
  private readonly named = new Set<string>();
  private readonly requests = new Set<string>();
  private readonly uploads = new Set<string>();

  /**
   * A `referral-made`: the records it names. Recorded before referrals named them: the people whose
   * records its request wrote (the subject's before `recordId`, the perpetrator's before `perpetratorRecordId`).
   */
  referral(data: unknown, marks: ReferralMarks): void {
    const referral = asData(data);
    const details = asData(referral.details);
    const people: [personId: string | undefined, named: string | null | undefined][] = [
      [text(referral.personId), namedIn(referral.recordId)],
      [text(asData(details.perpetrator).personId), marks.perpetratorRecordId],
    ];
    for (const [personId, named] of people) {
      if (named !== undefined) this.nameRecord(named);
      else if (personId !== undefined && details.route === COHORT_UPLOAD_ROUTE)
        this.uploads.add(inUpload(personId, marks.correlationId));
      else if (personId !== undefined) this.requests.add(inRequest(personId, marks));
    }
  }

  /**
   * An `iom-cohort-batch-imported`: the record each row names is IOM's, and so is the one a
   * duplicate-person row (in `problems`) names; in a batch recorded before rows named them, the
   * records the upload wrote for the people it lists.
   */
  cohortBatch(data: unknown, correlationId: string): void {
    const { people, problems } = asData(data);
    for (const row of Array.isArray(people) ? people : []) {
      const { personId, outcome, recordId } = asData(row);
      if (outcome === HELD_ROW) continue;
      const named = namedIn(recordId);
      if (named !== undefined) this.nameRecord(named);
      else if (typeof personId === 'string') this.uploads.add(inUpload(personId, correlationId));
    }
    for (const problem of Array.isArray(problems) ? problems : []) {
      const named = namedIn(asData(problem).recordId);
      if (named !== undefined) this.nameRecord(named);
    }
  }

  private nameRecord(recordId: string | null): void {
    if (recordId !== null) this.named.add(recordId);
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
