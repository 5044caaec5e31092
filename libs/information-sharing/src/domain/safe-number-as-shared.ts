/**
 * The safe contact number a disclosure of a MARAC case gave out: the one in force on her records
 * when it was recorded. Her coordinator records a new number through her case when the old one is
 * compromised (the perpetrator has the phone); an agency given the number after that must be
 * given the new one, and one given it before was never told a number recorded since.
 */

/** A record's details as they stood from `since` (a log position), as far as her number goes. */
export interface NumberVersion {
  /** Absent: the record carried no number then. */
  readonly safeContactNumber?: string;
  readonly since: number;
  /**
   * Where the record last recorded a number, as of this version, even one it already held (her
   * first number recorded again once a repeat referral's is compromised). Absent where the record
   * does not say (details kept before it did): its past is walked instead.
   */
  readonly numberRecordedAt?: number;
}

/** One of her records a referral to the case's panel brought in. */
export interface RecordOfHers {
  /** Where it was written: one written after the share was not there to give out. */
  readonly writtenAt: number;
  /** The record as it stood at a log position; undefined when it had no details then, or that cannot be told. */
  readonly versionAt: (position: number) => NumberVersion | undefined;
}

/**
 * Her number as it stood at `position` (the disclosure's log position): of her records then, the
 * number recorded last. By when the number itself was last recorded, not when the record last
 * changed: an address recorded on her first record after a repeat referral brought a newer number
 * on another does not make the first record's number the newer, and her first number recorded
 * again there does. The referral's own number only when
 * her records cannot tell (none known, or one there then whose past is not kept) or carry none.
 */
export function safeNumberAsShared(
  records: readonly RecordOfHers[],
  position: number,
  referralNumber: string | undefined,
): string | null {
  const fallback = referralNumber ?? null;
  if (records.length === 0) return fallback;
  let latest: { readonly number: string; readonly recordedAt: number } | undefined;
  for (const record of records) {
    const then = record.versionAt(position);
    if (then === undefined) {
      if (record.writtenAt > position) continue;
      return fallback;
    }
    if (then.safeContactNumber === undefined) continue;
    const recordedAt = then.numberRecordedAt ?? numberRecordedAt(record, then);
    if (latest === undefined || recordedAt > latest.recordedAt) latest = { number: then.safeContactNumber, recordedAt };
  }
  return latest?.number ?? fallback;
}

/**
 * For a record that does not say where its number was recorded (`numberRecordedAt`): the earliest
 * of the versions before it that carry the same number unbroken (a change of another field keeps
 * the number as it was). Where the record's past is not kept, the earliest version known stands in.
 */
function numberRecordedAt(record: RecordOfHers, then: NumberVersion): number {
  let version = then;
  for (;;) {
    const before = record.versionAt(version.since - 1);
    if (before === undefined || before.since >= version.since) return version.since;
    if (before.safeContactNumber !== then.safeContactNumber) return version.since;
    version = before;
  }
}
