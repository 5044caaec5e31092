/**
 * Events of a `person-<id>` stream: a person's details as a referral gave them. Deliberately
 * small: linking, merging and splitting records belongs to the identity context.
 */
import type { DomainEvent } from '../../../../command-handling/src/decider';

export const SEXES = ['female', 'male', 'other', 'not-known'] as const;
export type Sex = (typeof SEXES)[number];

export interface PersonName {
  readonly forenames: string;
  readonly surname: string;
}

/** Identifiers as given; their check characters are verified by the identity context. */
export interface PersonIdentifiers {
  /** Police National Computer id, `YYYY/NNNNNNNC`. */
  readonly pnc?: string;
  /** Criminal Records Office number. */
  readonly cro?: string;
  readonly nhs?: string;
  /** Prison number, `A1234BC`. */
  readonly noms?: string;
  /** Probation case reference, `X123456`. */
  readonly crn?: string;
}

/**
 * The keys of `PersonIdentifiers` (`nhs` for the NHS number), each with the name the identity
 * context's rules and the API give its kind (`nhsNumber`). The one table every mapping reads.
 */
export const IDENTIFIER_KIND_OF_FIELD = {
  pnc: 'pnc',
  cro: 'cro',
  nhs: 'nhsNumber',
  noms: 'noms',
  crn: 'crn',
} as const satisfies Record<keyof PersonIdentifiers, string>;
export type IdentifierField = keyof typeof IDENTIFIER_KIND_OF_FIELD;
/** The keys of `PersonIdentifiers`, as a removal names them. */
export const IDENTIFIER_FIELDS = Object.keys(IDENTIFIER_KIND_OF_FIELD) as readonly IdentifierField[];

/**
 * What details recorded later change: the fields given (`changes`), and the identifiers removed
 * from the record as recorded in error. Every fold of these events takes both (`applyPersonChanges`).
 */
export interface RecordedChanges {
  readonly changes: Partial<PersonDetails>;
  /**
   * Identifiers taken off the record (a victim's PNC ID typed on his referral): from then on it
   * carries none of those kinds until one is recorded again. Absent when none were removed, as on
   * every event recorded before identifiers could be removed.
   */
  readonly identifiersRemoved?: readonly IdentifierField[];
}

export interface PersonDetails extends PersonName {
  /**
   * Other names; an alias given as one word (a street name, a maiden name) is kept as forenames
   * with surname "", and matched as either.
   */
  readonly aliases: readonly PersonName[];
  /** YYYY-MM-DD. */
  readonly dateOfBirth?: string;
  readonly sex?: Sex;
  readonly ethnicity?: string;
  readonly postcode?: string;
  /** Sensitive: a victim's address must reach only those with a need to know. */
  readonly address?: string;
  readonly disability?: string;
  readonly language?: string;
  /** MARAC only: a number a victim can safely be called on; recorded through her MARAC case. */
  readonly safeContactNumber?: string;
  readonly identifiers: PersonIdentifiers;
}

export type PersonRegistered = DomainEvent<
  'person-registered',
  { readonly personId: string; readonly details: PersonDetails; readonly occurredAt: string }
>;

/** Details given later (a new address, an alias, a corrected identifier): only the fields given. */
export type PersonDetailsRecorded = DomainEvent<
  'person-details-recorded',
  RecordedChanges & {
    /** Why, when identifiers were changed or removed: auditors read it beside the actor. */
    readonly reason?: string;
    /** Where the details came from, e.g. the referral's case id. */
    readonly source?: string;
    /** The MARAC case naming this person as perpetrator that an identifier of theirs was corrected through. */
    readonly namedOn?: string;
    readonly occurredAt: string;
  }
>;

export type PersonEvent = PersonRegistered | PersonDetailsRecorded;
export type PersonEventType = PersonEvent['type'];
