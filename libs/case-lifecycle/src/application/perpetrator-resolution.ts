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
  /** The resolver took him for the victim all the same (a merge racing this referral): recorded as not known. */
  | { readonly named: true; readonly resolution: undefined };

/**
 * Resolves the perpetrator once the victim's record is written, apart from her: the form was
 * accepted as naming two people (the dry run refuses one that names her twice), so his record joins
 * neither her nor anyone merged with her, and is proposed against none of them, however alike a
 * namesake at her home looks. Should he resolve to her all the same (her person merged with his
 * while this referral ran), he is left unrecorded rather than refused: refusing now would leave her
 * record written and held by no panel.
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
  const resolution = await people.resolve(named, context, { ...options, keptApartFrom: victimId });
  const herAgain = resolution.personId === victimId || hers.includes(resolution.personId);
  return { named: true, resolution: herAgain ? undefined : resolution };
}
