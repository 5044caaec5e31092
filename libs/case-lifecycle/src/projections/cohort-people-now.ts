import type { HeldCase, PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import type { PeopleNow } from './cohort-eligibility';

/** Who the cases are about now, and which cases each person holds now (after merges and splits). */
export interface CasesOfPeopleNow extends PeopleNow {
  /**
   * For each listed case, the cases the person it is about now holds, under any id merged into
   * them or moved to them by a split, the listed case itself included (`PersonIndexQuery.casesHeldWith`).
   */
  casesHeldWith(page: readonly { caseId: string; referralPersonId: string }[]): readonly HeldCase[];
}

/** The person index's answers; while it is being built, an id stands for itself and holds nothing known. */
export function peopleNowFrom(
  people: Pick<PersonIndexQuery, 'personOfCase' | 'person' | 'casesHeldWith'> &
    Partial<Pick<PersonIndexQuery, 'peopleNowInSql'>>,
): CasesOfPeopleNow {
  const known = <T>(answer: () => T, building: T): T => {
    try {
      return answer();
    } catch (error) {
      if (error instanceof ProjectionNotAvailableError) return building;
      throw error;
    }
  };
  return {
    personOfCase: (caseId, referralPersonId) => people.personOfCase(caseId, referralPersonId),
    idsOf: (personId) =>
      known(() => {
        const found = people.person(personId);
        return found === undefined ? [personId] : [found.personId, ...found.mergedPersonIds];
      }, [personId]),
    casesHeldWith: (page) => known(() => people.casesHeldWith(page), []),
    inSql: (connection) => people.peopleNowInSql?.(connection),
  };
}
