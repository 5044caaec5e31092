import { DEFAULT_MATCHING_MODEL, PersonMatcher, type MatchingModel } from '../../../identity/src/domain/matching';
import { toPersonRecord } from '../../../identity/src/domain/person-links';
import { toPersonDetails } from './person-resolution/person-details';
import type { ReferredPerson } from './person-resolution/person-resolver';

const VICTIM = 'victim';

/**
 * Would the resolver link the form's perpetrator to the record the form's victim brings in? Asked
 * of the same matcher the resolver uses, holding the victim's record alone, so it writes nothing:
 * a perpetrator named with a slip of her own name is refused before her record exists. `model`
 * must be the resolver's own: under another model the form could pass here and then be linked.
 */
export function perpetratorMatchesVictim(
  victim: ReferredPerson,
  perpetrator: ReferredPerson,
  model: MatchingModel = DEFAULT_MATCHING_MODEL,
): boolean {
  const matcher = new PersonMatcher(model);
  matcher.add(toPersonRecord(VICTIM, toPersonDetails(victim)), VICTIM);
  const result = matcher.match(toPersonRecord('perpetrator', toPersonDetails(perpetrator)));
  return result.decision === 'link';
}
