/** What the person index says a person holds now, read on the command that splits or restores them. */
export interface RecordsAndCases {
  readonly recordIds: readonly string[];
  readonly caseIds: readonly string[];
}

export interface PersonNow extends RecordsAndCases {
  /** People merged into this one, directly or through others: the ones a split may restore. */
  readonly mergedPersonIds: readonly string[];
  /**
   * Records MARAC referrals brought in for their perpetrator: the victim's case is not the
   * perpetrator's to take, so such a record may start a new person on its own.
   */
  readonly perpetratorRecordIds?: readonly string[];
}

/** A case and the record its referral brought in for its subject (never its MARAC perpetrator's). */
export interface CaseAndItsRecord {
  readonly caseId: string;
  readonly recordId: string;
}

/** What a split of records and cases is checked against. */
export interface SplitFacts extends PersonNow {
  /**
   * Each case this person holds with the record its referral brought in, where they hold that
   * record too: the two a split must move together (`case-with-its-record`).
   */
  readonly casesWithTheirRecords: readonly CaseAndItsRecord[];
}

/** What the person index says of one record, as `casesWithTheirRecords` reads it. */
interface IndexedRecordFacts {
  readonly recordId: string;
  /** The case whose referral brought the record in (null: none did, e.g. a cohort upload's). */
  readonly sourceCaseId: string | null;
  readonly forPerpetrator: boolean;
}

/** The pairs `SplitFacts.casesWithTheirRecords` lists, from the records and cases a person holds now. */
export function casesWithTheirRecords(held: {
  readonly records: readonly IndexedRecordFacts[];
  readonly cases: readonly { readonly caseId: string }[];
}): CaseAndItsRecord[] {
  const caseIds = new Set(held.cases.map((c) => c.caseId));
  return held.records.flatMap(({ recordId, sourceCaseId, forPerpetrator }) =>
    sourceCaseId !== null && !forPerpetrator && caseIds.has(sourceCaseId) ? [{ caseId: sourceCaseId, recordId }] : [],
  );
}

/** A person a split started, and whom it was split off (as they are now). */
export interface SplitOffPerson extends PersonNow {
  readonly personId: string;
  readonly splitFrom: string | null;
  /** MARAC cases naming them as perpetrator (absent: none). */
  readonly namedOnCaseIds?: readonly string[];
}

/**
 * One record or case a split moved: the id it was held under until then, and whom that id
 * stands for now (an unmerge since may have parted the two).
 */
export interface CameFrom {
  readonly kind: 'record' | 'case';
  readonly id: string;
  readonly home: string;
  readonly homeNow: string;
}
