import type { EventStore } from '../../../event-store/src/port/event-store';
import { identityStream, type CaseNamingBegun, type PerpetratorNaming } from '../domain/person-links';
import type { PersonIndexQuery } from './person-index.query';

/**
 * The MARAC cases a referral began to write about `a` or `b` (`case-naming-begun` on the stream of
 * any id standing for either now, up to the position the index had folded) that the index has not folded yet, each as it
 * would stand now: about whoever she is now, naming whoever holds the record it brought in for him.
 * The confirmation's rule against merging a victim with the perpetrator her case names holds for
 * these too: the case is written after this event, and the index cannot have read it yet. Once the
 * index holds a case, the index alone decides (a split may since have moved his record off him).
 */
export async function namingsBeingRecorded(
  store: EventStore,
  index: Pick<PersonIndexQuery, 'caseKnown' | 'current' | 'holderOfRecord' | 'idsStandingFor'>,
  [a, b]: readonly [string, string],
  foldedUpTo: bigint | undefined,
): Promise<PerpetratorNaming[]> {
  const ids = new Set([a, b, ...index.idsStandingFor(a), ...index.idsStandingFor(b)]);
  const streams = await Promise.all([...ids].map((id) => store.readStream(identityStream(id))));
  return streams
    .flat()
    .filter((event) => event.type === 'case-naming-begun' && (foldedUpTo === undefined || event.position <= foldedUpTo))
    .map((event) => (event as unknown as CaseNamingBegun).data)
    .filter(({ caseId }) => !index.caseKnown(caseId))
    .flatMap(({ personId, caseId, panelCode, namedRecordId }) => {
      const perpetrator = index.holderOfRecord(namedRecordId);
      const victim = index.current(personId) ?? personId;
      return perpetrator === undefined ? [] : [{ caseId, panel: panelCode, victim, perpetrator }];
    });
}
