import type { IndexedRecord, PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { nameRow, searchable } from './cohort-people';

/**
 * The names a panel's list shows and searches for a case, from the person index at read time: the
 * record the case's referral brought in (a referral that matched someone already known brings its
 * own record and name; the tracker's `people` table knows only the person's registration), and the
 * records this panel's referrals brought in for the same person. Never a name another panel
 * recorded. Undefined when the index cannot say yet (being built, or not yet at the referral): the
 * caller then keeps the tracker's own name.
 */
export interface ReferralNames {
  /** The referral's record's name in the stored form (`display_name`), with its later changes. */
  shown(caseId: string, referralPersonId: string): string | undefined;
  /** Every name the panel's referrals recorded for the person the case is about now, searchable. */
  searched(caseId: string, referralPersonId: string, panel: string): readonly string[] | undefined;
}

type Records = readonly IndexedRecord[];

export function referralNamesFrom(people: Pick<PersonIndexQuery, 'person' | 'personOfCase'>): ReferralNames {
  // One tracker read asks about each person once, whatever number of their cases it lists.
  const known = new Map<string, Records | undefined>();
  const recordsOf = (caseId: string, referralPersonId: string): Records | undefined => {
    try {
      const personId = people.personOfCase(caseId, referralPersonId);
      if (!known.has(personId)) known.set(personId, people.person(personId)?.records);
      return known.get(personId);
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return undefined;
      throw error;
    }
  };
  const ownRecord = (caseId: string, records: Records | undefined) =>
    records?.find((record) => record.sourceCaseId === caseId && !record.forPerpetrator);
  return {
    shown(caseId, referralPersonId) {
      const own = ownRecord(caseId, recordsOf(caseId, referralPersonId));
      return own === undefined ? undefined : nameRow(own.details).display_name;
    },
    searched(caseId, referralPersonId, panel) {
      const records = recordsOf(caseId, referralPersonId);
      if (ownRecord(caseId, records) === undefined) return undefined;
      return (records ?? [])
        .filter((record) => record.sourcePanel === panel)
        .flatMap(({ details }) => [details, ...(details.aliases ?? [])])
        .map((name) => searchable(`${name.forenames} ${name.surname}`));
    },
  };
}
