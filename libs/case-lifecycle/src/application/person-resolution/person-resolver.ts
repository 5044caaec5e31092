import type { CommandContext } from '../../../../command-handling/src/command-context';
import type { CasesOfPerson } from './case-homes';

/** The person details a referral carries, as the referrer gave them. */
export interface ReferredPerson {
  readonly forenames: string;
  readonly surname: string;
  readonly aliases?: readonly string[];
  readonly dateOfBirth: string;
  readonly sex?: string;
  readonly postcode?: string;
  readonly address?: string;
  readonly ethnicity?: string;
  readonly identifiers?: Readonly<Partial<Record<'pnc' | 'cro' | 'nhsNumber' | 'noms' | 'crn', string>>>;
}

export interface PersonResolution {
  readonly personId: string;
  /** True when no existing person matched and a new `person-<id>` was registered. */
  readonly registered: boolean;
  /**
   * The record this resolution brought in: the registration (its record id is the person id) or
   * the record linked to a known person. Absent when it brought none (matched without a record).
   */
  readonly recordId?: string;
  /** Global position of the last event written while resolving, if any. */
  readonly position?: bigint;
}

export interface ResolutionOptions {
  /**
   * Resume what an earlier resolution under the same deterministic ids began only while no
   * referral names the record it wrote: an API referral retried after failing part-way takes its
   * record over, while the same form sent again after it succeeded brings in a record of its own.
   */
  readonly resumeOnlyUnnamed?: boolean;
  /**
   * The victim whose MARAC referral names the person resolved as perpetrator: the form was accepted
   * as naming two people, so his record never joins her (nor anyone merged with her), however alike
   * a namesake at her home looks, and is never proposed with her. The case that keeps the two apart
   * (and out of the review queue) is written after both.
   */
  readonly keptApartFrom?: string;
}

/** A MARAC case about to be written naming a perpetrator: about `victimId`, naming `perpetratorId`. */
export interface CaseNaming {
  readonly caseId: string;
  readonly panelCode: string;
  readonly victimId: string;
  readonly perpetratorId: string;
  /** The record the referral brought in for him (or the one standing for him when it brought none). */
  readonly namedRecordId: string;
}

/**
 * Finds the person a referral is about, or registers a new one. The interim implementation is
 * deterministic (identifiers, then name + date of birth); cross-panel probabilistic matching
 * replaces it behind this interface.
 */
export interface PersonResolver {
  /** Read-only: the existing person this record resolves to, if any. Nothing is written. */
  lookup(person: ReferredPerson): Promise<string | undefined>;
  resolve(person: ReferredPerson, context: CommandContext, options?: ResolutionOptions): Promise<PersonResolution>;
  /**
   * Every person id that now stands for the same person as `personId`: the person it is now
   * (following confirmed merges) first, then each id merged into that person, directly or through
   * others. A split that restores a merged person takes that id (and the ids merged into it) out
   * again. Catches up with the log first, so a merge or split just recorded anywhere is seen.
   * Writes nothing.
   */
  idsStandingFor(personId: string): Promise<readonly string[]>;
  /**
   * `idsStandingFor`, with the cases about that person now (where merges and splits, restoring or
   * not, have put them), read at the same point of the log. Writes nothing.
   */
  casesOf(personId: string): Promise<CasesOfPerson>;
  /**
   * Whether the form alone says `perpetrator` is `victim` under this resolver's matching model: he
   * would be linked to her record were it the only one held, and nothing on the form tells them
   * apart (see `perpetratorCouldBeVictim`). A MARAC form naming the victim as her own perpetrator is
   * refused before anything is written. Writes nothing.
   */
  perpetratorCouldBeVictim(victim: ReferredPerson, perpetrator: ReferredPerson): boolean;
  /**
   * Records `case-naming-begun` on her stream before her case naming him is written: at the revision
   * of her stream it read, once no merge or restore of her is underway, so a confirmation of the two
   * either reads it (and is refused) or began first (and was recorded or withdrawn before this
   * answers). 'one-person', writing nothing, when the two stand for one person now (a merge recorded
   * since he was resolved); 503 `person-being-changed` while a change of her stays underway.
   */
  beginCaseNaming(naming: CaseNaming, context: CommandContext): Promise<'begun' | 'one-person'>;
}

export const PERSON_RESOLVER = Symbol('PersonResolver');
