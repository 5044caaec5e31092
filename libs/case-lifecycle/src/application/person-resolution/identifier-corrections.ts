import type { CommandContext } from '../../../../command-handling/src/command-context';
import type { IdentifierKind } from '../../../../identity/src/domain/identifiers';
import type { PersonIdentifiers } from '../../domain/events/person-events';
import type { NamedRecord } from './perpetrator-namings';

/**
 * What correcting the identifiers on a record through its case (`person-details`) asks of the
 * resolver that keeps the matcher's index: it alone knows every record each person holds now,
 * read from the log up to the moment it is asked, and proposes pairs the way a referral does.
 */
export interface IdentifierCorrections {
  /**
   * The kinds of which `identifiers`, set on `recordId`, would disagree with another record its
   * person holds now: both valid, different, none shared (compared in canonical form). The rule
   * a confirmation is refused by (`identifier-conflict`), judged on one person. Writes nothing.
   * `alsoCorrected`: the case's other records the same correction makes agree, left out.
   */
  identifierConflictsOnRecord(
    recordId: string,
    identifiers: PersonIdentifiers,
    alsoCorrected?: readonly string[],
  ): Promise<IdentifierKind[]>;
  /**
   * Once `identifiers` are recorded on `recordId`: proposes its person against each other person
   * holding one of those values whom the record, as it stands now, reaches the review band (or link
   * threshold) with, as beside a referral's link: never linked, never a pair kept apart (a split, a
   * rejection, a MARAC naming) or holding another value of a kind. The last position written, if any.
   */
  proposeOnIdentifiersSet(
    recordId: string,
    identifiers: PersonIdentifiers,
    context: CommandContext,
  ): Promise<bigint | undefined>;
}

/**
 * Who holds a MARAC perpetrator's record now, and the records the MARAC referrals naming him
 * brought in that he holds (his own included): a repeat referral copies his details, and with
 * them a mistyped number, onto a record of its own.
 */
export interface PerpetratorRecords {
  perpetratorRecordsHeldWith(
    recordId: string,
  ): Promise<{ readonly holder: string; readonly records: readonly NamedRecord[] }>;
}

export const knowsPerpetratorRecords = (resolver: object): resolver is PerpetratorRecords =>
  'perpetratorRecordsHeldWith' in resolver;

/** A resolver that keeps no index (the deterministic one) cannot judge a correction: it is refused. */
export const correctsIdentifiers = (resolver: object): resolver is IdentifierCorrections =>
  'identifierConflictsOnRecord' in resolver && 'proposeOnIdentifiersSet' in resolver;
