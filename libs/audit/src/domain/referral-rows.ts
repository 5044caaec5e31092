/** One `case_people` row: a person of a case, from the referral at `since`. */
export interface CasePersonRow {
  readonly personId: string;
  readonly role: string;
  readonly since: bigint;
}

/** The people and panel the trail holds for a case, stored or as a referral gives them. */
export interface CaseRows {
  readonly people: readonly CasePersonRow[];
  readonly panel: string | null;
}

/** What a referral gives its case; `first`: the referral opened the case stream (nothing before it). */
export interface ReferralRows extends CaseRows {
  readonly caseId: string;
  readonly first: boolean;
}

const rowText = (row: CasePersonRow): string => `${row.personId}:${row.role}@${row.since.toString()}`;
const sortedText = (rows: readonly CasePersonRow[]): string => rows.map(rowText).sort().join(' ');

/**
 * Whether the case's stored people agree with the referral at `position`, as far as that referral
 * can tell. Rows from it (`since` = position) must be exactly the ones it gives, bar people an
 * earlier referral of the case already added (the table keeps a person's first row). Before the
 * first referral there can be none. Rows from later positions are returned as `later`: only the
 * position they name can say whether it was a referral of this case.
 */
export function referralPeopleDiffer(
  position: bigint,
  referral: ReferralRows,
  stored: CaseRows,
): { differ: boolean; later: readonly CasePersonRow[] } {
  const earlier = stored.people.filter((row) => row.since < position);
  const known = new Set(earlier.map((row) => row.personId));
  const expected = referral.first ? referral.people : referral.people.filter((row) => !known.has(row.personId));
  const fromHere = stored.people.filter((row) => row.since === position);
  const found = referral.first ? [...earlier, ...fromHere] : fromHere;
  return {
    differ: sortedText(found) !== sortedText(expected),
    later: stored.people.filter((row) => row.since > position),
  };
}
