/** What an auditor's trail query asks for; its own module so the page reader and the query share it without a cycle. */
export interface TrailFilter {
  /** The person, under every id they are known by now (ids merged into them included). */
  readonly personId?: string;
  readonly caseId?: string;
  readonly actor?: string;
  readonly agency?: string;
  /** Inclusive lower bound on `at`: an ISO-8601 date or date-time (UTC unless it gives an offset). */
  readonly from?: string;
  /** Exclusive upper bound on `at`, as `from`. */
  readonly to?: string;
  readonly actions?: readonly string[];
  /** Entries after this log position (the `next` of the previous page). */
  readonly after?: bigint;
  /** Entries at or before this log position: where a walk's first page found the log. */
  readonly through?: bigint;
  readonly limit: number;
  /**
   * At most this many characters of JSON items per page (at least one item): a page stops early
   * with `next` rather than grow without bound, as a read listing thousands of ids makes it.
   */
  readonly budget?: number;
}

/**
 * Whom a person filter reaches (`AuditTrailQuery.trailPerson`): every id they are known by, and
 * the cases whose entries are theirs. With `cases`, an entry of another case is theirs only when
 * it is about them as a person (a view of them, an identity event, a read that listed them other
 * than as someone that case names); without, their cases are those the referrals named them on, and
 * every entry naming them is theirs.
 */
export interface TrailPerson {
  readonly ids: readonly string[];
  readonly cases?: readonly string[];
}
