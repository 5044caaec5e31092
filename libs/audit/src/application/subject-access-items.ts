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
 * shown; the report keeps only the person's own ids and the cases they hold now or are named in.
 * Any other case is someone else's (a split moved it away, or it never was theirs): its id would
 * tell them that a case exists about another person. It is dropped, not listed for review: the
 * person index already decided whose it is, and a note or a count would tell the same thing.
 */
export function asTheirs(item: TrailItem, ids: ReadonlySet<string>, cases: ReadonlySet<string>): TrailItem {
  const { caseId, personId, ...rest } = item;
  const caseIds = item.caseIds.filter((id) => cases.has(id));
  const own = caseId !== undefined && cases.has(caseId) ? caseId : caseIds[0];
  return {
    ...rest,
    ...(own === undefined ? {} : { caseId: own }),
    ...(personId !== undefined && ids.has(personId) ? { personId } : {}),
    caseIds,
    personIds: item.personIds.filter((id) => ids.has(id)),
  };
}
