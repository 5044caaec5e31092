import type { PersonDetails } from '../domain/events/person-events';
import type Database from 'better-sqlite3';
import type {
  CasesNamedInSql,
  ListedCase,
  PersonIndexQuery,
} from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { nameRow, searchNamesOf } from './cohort-people';

/**
 * The names a panel's list shows and searches for a case, from the person index at read time: the
 * record the case's referral brought in (a referral that matched someone already known brings its
 * own record and name; the tracker's `people` table knows only the person's registration, which
 * another panel may have recorded), and the records this panel's referrals brought in for the same
 * person. Never a name another panel recorded. The case's own record names it wherever that record
 * is: a split recorded before a case had to move with it may have parted the two, and then the
 * name the case was referred under is still the right one to show (its panel recorded it). Unknown
 * only while the index cannot say (not built, or not yet at the referral): the caller then shows
 * no name, the search does not match the case, and `pending` counts it. A case whose referral
 * brought no record in is shown unnamed but is not pending: waiting would not name it.
 */
export interface ReferralNames {
  /**
   * Each listed case's referral's record's name in the stored form (`display_name`), with its later
   * changes, read in one query for the whole list; absent for a case the index cannot say about,
   * or whose referral brought in no record.
   */
  shownFor(cases: readonly ListedCase[]): ReadonlyMap<string, string>;
  /**
   * Every name the panel's referrals recorded for the person each listed case is about now,
   * searchable, read in one query for the whole list; a case the index cannot say about is absent.
   */
  searched(cases: readonly ListedCase[], panel: string): ReadonlyMap<string, readonly string[]>;
  /** The cases asked about so far that the index has not reached: shown unnamed, never matched. */
  readonly pending: ReadonlySet<string>;
  /**
   * The same search as `searched`, for `panel`'s whole list, as SQL the tracker's own query on
   * `connection` can embed (`PersonIndexQuery.casesNamedInSql`); undefined when the index cannot
   * answer it in SQL there, and `searched` must read the names.
   */
  searchedInSql?(connection: Database.Database, panel: string, words: readonly string[]): CasesNamedInSql | undefined;
  /** Cases the caller found, through `searchedInSql`, that the index cannot say about: as `searched` marks them. */
  notePending?(caseIds: readonly string[]): void;
}

type Index = Pick<PersonIndexQuery, 'panelRecordsOfCases'> & Partial<Pick<PersonIndexQuery, 'casesNamedInSql'>>;

/** Nothing, while the index is not built: every name is then unknown. */
function answered<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return [];
    throw error;
  }
}

const namesOf = (records: readonly PersonDetails[]) => records.flatMap(searchNamesOf);

export function referralNamesFrom(people: Index): ReferralNames {
  const pending = new Set<string>();
  // One query per list, not per case; a case the index has not reached is pending whichever was asked.
  const knownOf = (cases: readonly ListedCase[], panel: string) => {
    const found = answered(() => people.panelRecordsOfCases(cases, panel));
    const reached = new Set(found.map(({ caseId }) => caseId));
    for (const { caseId } of cases) if (!reached.has(caseId)) pending.add(caseId);
    return found;
  };
  return {
    pending,
    // No panel's records are wanted to show a name: only the referral's own.
    shownFor: (cases) =>
      new Map(
        knownOf(cases, '').flatMap(({ caseId, own }) =>
          own === undefined ? [] : [[caseId, nameRow(own).display_name] as const],
        ),
      ),
    searched: (cases, panel) =>
      new Map(knownOf(cases, panel).map(({ caseId, panelRecords }) => [caseId, namesOf(panelRecords)] as const)),
    searchedInSql: (connection, panel, words) => people.casesNamedInSql?.(connection, panel, words),
    notePending: (caseIds) => {
      for (const caseId of caseIds) pending.add(caseId);
    },
  };
}
