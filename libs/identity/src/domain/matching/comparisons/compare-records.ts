import type { PreparedRecord } from '../prepared-record';
import {
  COMPARISON_INDEX,
  IDENTIFIERS,
  MISSING,
  SEX,
  newComparisonVector,
  type ComparisonVector,
} from './comparison-levels';
import { dateOfBirthLevel } from './date-of-birth-comparison';
import { RecordNames, compareNames } from './name-comparison';
import { residenceLevel } from './residence-comparison';

/** What two records' identifiers say: some kind agrees, some kind differs (conflict wins), or nothing to compare. */
export function identifierLevel(a: PreparedRecord, b: PreparedRecord): number {
  let agree = false;
  for (const left of a.identifiers) {
    for (const right of b.identifiers) {
      if (left.kind !== right.kind) continue;
      if (left.value !== right.value) return IDENTIFIERS.conflict;
      agree = true;
    }
  }
  return agree ? IDENTIFIERS.agree : MISSING;
}

export function sexLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (a.sex === undefined || b.sex === undefined) return MISSING;
  return a.sex === b.sex ? SEX.match : SEX.mismatch;
}

/** Fills `into` (or a new vector) with the level of every comparison for the pair. */
export function compareRecords(
  a: PreparedRecord,
  b: PreparedRecord,
  into: ComparisonVector = newComparisonVector(),
): ComparisonVector {
  return compareWithRecord(new RecordNames(a), b, into);
}

/**
 * {@link compareRecords} of `names.record` and `b`, the names weighed by `names`: an incoming
 * record compared with many others passes an `IncomingNames`, which works each distinct name out once.
 */
export function compareWithRecord(names: RecordNames, b: PreparedRecord, into: ComparisonVector): ComparisonVector {
  const a = names.record;
  into[COMPARISON_INDEX.identifiers] = identifierLevel(a, b);
  compareNames(names, b, into);
  into[COMPARISON_INDEX.dateOfBirth] =
    a.dateOfBirth !== undefined && b.dateOfBirth !== undefined
      ? dateOfBirthLevel(a.dateOfBirth, b.dateOfBirth)
      : MISSING;
  into[COMPARISON_INDEX.residence] = residenceLevel(a, b);
  into[COMPARISON_INDEX.sex] = sexLevel(a, b);
  return into;
}
