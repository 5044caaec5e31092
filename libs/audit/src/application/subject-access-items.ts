import type { TrailItem } from '../projections/trail-items';

/**
 * The person a person view was of: the route's person. Its case ids are that person's cases as
 * they stood when viewed, in the view's order, so the first of them says nothing of whom the read
 * was about (two cases referred at the same moment come in id order). Undefined for other reads,
 * and for views recorded without their path parameters.
 */
export function viewedPerson(item: TrailItem): string | undefined {
  return item.action === 'person-viewed' ? item.pathParameters?.['personId'] : undefined;
}

/**
 * A read or disclosure as the person's report shows it. The trail keeps every id the reader was
 * shown; the report keeps only the person's own ids and `cases`: those they hold now or are named in,
 * or for a list of several people's cases (a tracker page, an agenda) the ones about them. Any other
 * case is someone else's (a split moved it away, or it never was theirs): its id would tell them
 * that a case exists about another person. It is dropped, not listed for review: the person index
 * already decided whose it is, and a note or a count would tell the same thing; so is the result
 * count of a read that showed others. The read's person is theirs: its own, else the first of theirs
 * it showed (the first case of a list may be someone else's).
 */
export function asTheirs(item: TrailItem, ids: ReadonlySet<string>, cases: ReadonlySet<string>): TrailItem {
  const { caseId, personId, resultCount, ...rest } = item;
  const caseIds = item.caseIds.filter((id) => cases.has(id));
  const personIds = item.personIds.filter((id) => ids.has(id));
  const own = caseId !== undefined && cases.has(caseId) ? caseId : caseIds[0];
  const person = personId !== undefined && ids.has(personId) ? personId : personIds[0];
  const showedOthers =
    caseIds.length < item.caseIds.length || (item.caseIds.length === 0 && personIds.length < item.personIds.length);
  return {
    ...rest,
    ...(own === undefined ? {} : { caseId: own }),
    ...(person === undefined ? {} : { personId: person }),
    caseIds,
    personIds,
    ...(resultCount === undefined || showedOthers ? {} : { resultCount }),
  };
}
