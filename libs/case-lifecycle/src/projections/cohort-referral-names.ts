import type { PersonDetails } from '../domain/events/person-events';
import type { ListedCase, PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { nameRow, searchable } from './cohort-people';

/**
 * The names a panel's list shows and searches for a case, from the person index at read time: the
 * record the case's referral brought in (a referral that matched someone already known brings its
 * own record and name; the tracker's `people` table knows only the person's registration, which
 * another panel may have recorded), and the records this panel's referrals brought in for the same
 * person. Never a name another panel recorded. Undefined when the index cannot say (not built, or
 * not yet at the referral): the caller then shows no name and the search does not match the case.
 */
export interface ReferralNames {
  /** The referral's record's name in the stored form (`display_name`), with its later changes. */
  shown(caseId: string, referralPersonId: string): string | undefined;
  /**
   * Every name the panel's referrals recorded for the person each listed case is about now,
   * searchable, read in one query for the whole list; a case the index cannot say about is absent.
   */
  searched(cases: readonly ListedCase[], panel: string): ReadonlyMap<string, readonly string[]>;
  /** The cases asked about so far whose names the index could not say: shown unnamed, never matched. */
  readonly pending: ReadonlySet<string>;
}

type Index = Pick<PersonIndexQuery, 'panelRecordsOfCases'>;

/** Nothing, while the index is not built: every name is then unknown. */
function answered<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProjectionNotAvailableError) return [];
    throw error;
  }
}

const namesOf = (records: readonly PersonDetails[]) =>
  records
    .flatMap((details) => [details, ...(details.aliases ?? [])])
    .map((name) => searchable(`${name.forenames} ${name.surname}`));

export function referralNamesFrom(people: Index): ReferralNames {
  const pending = new Set<string>();
  return {
    pending,
    shown(caseId, referralPersonId) {
      const [found] = answered(() => people.panelRecordsOfCases([{ caseId, referralPersonId }], ''));
      if (found?.own === undefined) pending.add(caseId);
      return found?.own === undefined ? undefined : nameRow(found.own).display_name;
    },
    searched(cases, panel) {
      const found = answered(() => people.panelRecordsOfCases(cases, panel));
      const known = new Map(
        found.flatMap(({ caseId, own, panelRecords }) => (own === undefined ? [] : [[caseId, namesOf(panelRecords)]])),
      );
      for (const { caseId } of cases) if (!known.has(caseId)) pending.add(caseId);
      return known;
    },
  };
}
