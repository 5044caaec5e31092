import type { CommandContext } from '../../../command-handling/src/command-context';
import type {
  PersonResolution,
  PersonResolver,
  ReferredPerson,
  ResolutionOptions,
} from './person-resolution/person-resolver';

export type PerpetratorResolution =
  | { readonly named: false }
  | { readonly named: true; readonly resolution: PersonResolution }
  /** The resolver took him for the victim although the dry run did not: recorded as not known. */
  | { readonly named: true; readonly resolution: undefined };

/**
 * Resolves the perpetrator once the victim's record is written. Refusing now would leave her record
 * written and held by no panel, shown to whichever panel meets her next, so the refusal happens
 * before any write (the dry run) and here he is only left unrecorded: not resolved when the
 * resolver would take him for her, and not named on the case when it did so anyway (a referral
 * racing this one); his record then sits on hers under this referral, which MARAC holds.
 */
export async function resolvePerpetrator(
  people: PersonResolver,
  named: ReferredPerson | undefined,
  victimId: string,
  context: CommandContext,
  options: ResolutionOptions = {},
): Promise<PerpetratorResolution> {
  if (named === undefined) return { named: false };
  const hers = await people.idsStandingFor(victimId);
  const seen = await people.lookup(named);
  if (seen !== undefined && (seen === victimId || hers.includes(seen))) return { named: true, resolution: undefined };
  const resolution = await people.resolve(named, context, { ...options, keptApartFrom: victimId });
  const herAgain = resolution.personId === victimId || hers.includes(resolution.personId);
  return { named: true, resolution: herAgain ? undefined : resolution };
}
