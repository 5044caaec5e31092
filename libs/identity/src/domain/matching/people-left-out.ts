import type { MatchResult } from './match-result';

/**
 * The matcher's result as if `personIds` were not held: the record may join none of them, nor be
 * proposed against them, and is decided on the rest as the matcher decides (the strongest left,
 * unless below the review threshold). For a record known to be someone else: the perpetrator a
 * MARAC form names is not the victim it names, however alike the two look.
 */
export function withoutPeople(result: MatchResult, personIds: ReadonlySet<string>): MatchResult {
  if (!result.candidates.some((candidate) => personIds.has(candidate.personId))) return result;
  const candidates = result.candidates.filter((candidate) => !personIds.has(candidate.personId));
  const [best] = candidates;
  const leftOut = result.blocksLeftOut === undefined ? {} : { blocksLeftOut: result.blocksLeftOut };
  if (best === undefined || best.outcome === 'below-threshold') return { decision: 'new', candidates, ...leftOut };
  return { decision: best.outcome, personId: best.personId, candidates, ...leftOut };
}
