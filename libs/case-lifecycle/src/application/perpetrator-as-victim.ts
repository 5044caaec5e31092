import {
  DEFAULT_MATCHING_MODEL,
  PersonMatcher,
  type LevelName,
  type MatchingModel,
} from '../../../identity/src/domain/matching';
import { toPersonRecord } from '../../../identity/src/domain/person-links';
import { toPersonDetails } from './person-resolution/person-details';
import type { ReferredPerson } from './person-resolution/person-resolver';

const VICTIM = 'victim';

/**
 * Birth dates one person could have been given: equal, one missing, or a slip (one digit, day and
 * month swapped). Further apart, a form giving both dates says it names two people: a couple who
 * share a forename and a surname at one home are, however the matcher scores them.
 */
const ONE_BIRTH: ReadonlySet<LevelName<'dateOfBirth'> | 'missing'> = new Set([
  'exact',
  'day-month-swapped',
  'one-digit',
  'missing',
]);

/**
 * Does the form alone say its perpetrator is its victim? Asked of the same matcher the resolver
 * uses, holding the victim's record alone, so it writes nothing: a perpetrator named with a slip of
 * her own name is refused before her record exists. Refused only when he would be linked to her
 * record AND nothing on the form tells them apart: their birth dates could be one (`ONE_BIRTH`), or
 * an identifier agrees. Otherwise he is someone else, resolved apart from her (`keptApartFrom`).
 * `model` must be the resolver's own: under another the form could pass here and then be linked.
 */
export function perpetratorCouldBeVictim(
  victim: ReferredPerson,
  perpetrator: ReferredPerson,
  model: MatchingModel = DEFAULT_MATCHING_MODEL,
): boolean {
  const matcher = new PersonMatcher(model);
  matcher.add(toPersonRecord(VICTIM, toPersonDetails(victim)), VICTIM);
  const result = matcher.match(toPersonRecord('perpetrator', toPersonDetails(perpetrator)));
  const [her] = result.candidates;
  if (result.decision !== 'link' || her === undefined) return false;
  return her.identifierAgreement || ONE_BIRTH.has(her.levels.dateOfBirth);
}
