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

/** A person a split started, and whom it was split off (as they are now). */
export interface SplitOffPerson extends PersonNow {
  readonly personId: string;
  readonly splitFrom: string | null;
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
