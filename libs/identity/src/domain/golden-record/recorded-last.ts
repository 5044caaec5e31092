/**
 * Which of a person's records gives the golden record a value that changes (an address, a safe
 * contact number): the one on which that value was recorded last. Not the record whose details
 * changed last: details recorded through her first case land on her first record, and a new
 * address recorded there must not bring back the older safe number it carries over the one a
 * repeat referral brought since (a retired number may be the phone the perpetrator has).
 */

/** One record as it stood from `detailsPosition` (a log position) on. */
export interface RecordVersion {
  /** Where its details were last changed, as of this version. */
  readonly detailsPosition: number;
  /** Where the record was written: of two values recorded at once, the later record's wins. */
  readonly position: number;
}

/** The same record as it stood just before `version`; undefined when that is not known. */
export type VersionBefore<V extends RecordVersion> = (version: V) => V | undefined;

/**
 * Where the record last recorded the value's field as of `version`, changed or not; undefined
 * where it does not say (details kept before it did), and the record's past is walked instead.
 */
export type FieldRecordedAt<V extends RecordVersion> = (version: V) => number | undefined;

/**
 * Of `versions` (one per record), the one whose value was recorded last; undefined when none
 * carries one. A value recorded again counts from then, even if the record already held it: a
 * coordinator going back to her first safe number because a repeat referral's is compromised.
 * Where pasts are not known two may tie: the record written later wins.
 */
export function recordedLast<V extends RecordVersion, T>(
  versions: readonly V[],
  valueOf: (version: V) => T | undefined,
  before: VersionBefore<V>,
  fieldRecordedAt: FieldRecordedAt<V> = () => undefined,
): V | undefined {
  let latest: { readonly version: V; readonly recordedAt: number } | undefined;
  for (const version of versions) {
    if (valueOf(version) === undefined) continue;
    const recordedAt = fieldRecordedAt(version) ?? valueRecordedAt(version, valueOf, before);
    if (
      latest === undefined ||
      recordedAt > latest.recordedAt ||
      (recordedAt === latest.recordedAt && version.position > latest.version.position)
    )
      latest = { version, recordedAt };
  }
  return latest?.version;
}

/**
 * Where the value `version` carries was recorded on its record, for details that do not say
 * (`FieldRecordedAt`): the earliest of the versions before it that carry the same value unbroken
 * (a change of another field keeps it as it was). Where the record's past is not known, the
 * earliest version known stands in. It cannot tell a value recorded again from one kept.
 */
function valueRecordedAt<V extends RecordVersion, T>(
  version: V,
  valueOf: (version: V) => T | undefined,
  before: VersionBefore<V>,
): number {
  const value = valueOf(version);
  let current = version;
  for (;;) {
    const earlier = before(current);
    if (earlier === undefined || earlier.detailsPosition >= current.detailsPosition || valueOf(earlier) !== value)
      return current.detailsPosition;
    current = earlier;
  }
}
