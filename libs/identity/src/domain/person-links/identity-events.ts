/**
 * Events of the identity context. A referral's person record either starts a person
 * (`person-registered`, case-lifecycle's event on `person-<id>`) or joins one
 * (`person-record-linked`); reviewers confirm or reject proposals, and a split undoes a merge or
 * moves records and cases to a person of their own; a reviewer may reopen a decision that no
 * longer holds. Actor and reason travel in every event's metadata (actor) and data (reason).
 */
import type { DomainEvent } from '../../../../command-handling/src/decider';
import type { PersonDetails, RecordedChanges } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { IdentifierKind } from '../identifiers';
import type { MatchLevels } from '../matching';

/** `identity-<personId>`: the records linked to a person and the splits made of them. */
export const IDENTITY_STREAM_PREFIX = 'identity-';
/** `personmatch-<proposalId>`: one proposed pair of people and what reviewers decided about it. */
export const MATCH_STREAM_PREFIX = 'personmatch-';

export const identityStream = (personId: string): string => `${IDENTITY_STREAM_PREFIX}${personId}`;
export const matchStream = (proposalId: string): string => `${MATCH_STREAM_PREFIX}${proposalId}`;

/**
 * The matching model that scored a pair, as configured (`MATCHING_MODEL` / `MATCHING_MODEL_FILE`):
 * one id and version always mean the same parameters and thresholds, so a decision read years
 * later can be told apart from what the model in force today would decide.
 */
export interface DecidingModel {
  readonly id: string;
  readonly version: number;
}

/** A referral's record scored above the link threshold with an existing person and joined them. */
export type PersonRecordLinked = DomainEvent<
  'person-record-linked',
  {
    readonly personId: string;
    readonly recordId: string;
    readonly details: PersonDetails;
    /** Match weight in bits against the person (the lowest over their records: anti-chaining). */
    readonly score: number;
    readonly levels: MatchLevels;
    /**
     * True when an equal identifier decided the link; the model still scored the pair and
     * corroborated the identifier (the rest of the record reaches its review threshold).
     */
    readonly identifierAgreement: boolean;
    /** The model that scored the link; absent from links recorded before models were named. */
    readonly model?: DecidingModel;
    readonly occurredAt: string;
  }
>;

/**
 * New details of a record a referral linked to a person (a MARAC victim's move or safe number,
 * recorded through the case whose referral brought the record in): only the fields that changed.
 * On the record, not the person's registration, so they keep the panel that record came from:
 * another panel's members never read them where that panel's records are hidden from them.
 */
export type PersonRecordDetailsRecorded = DomainEvent<
  'person-record-details-recorded',
  RecordedChanges & {
    /**
     * Whoever holds the record as the details are recorded: the person whose identity stream it
     * was linked on, or the person a split moved it to since (the details are theirs, and so is
     * the event in a subject access report). The stream stays the one the record was linked on.
     */
    readonly personId: string;
    readonly recordId: string;
    /** Why, when identifiers were changed or removed: auditors read it beside the actor. */
    readonly reason?: string;
    /** The case the details were recorded through. */
    readonly source?: string;
    /** The MARAC case naming the record's person as perpetrator that an identifier was corrected through. */
    readonly namedOn?: string;
    readonly occurredAt: string;
  }
>;

/** Records and cases leave a person: back to a person merged into them, or to a new person. */
export type PersonSplit = DomainEvent<
  'person-split',
  {
    readonly personId: string;
    readonly intoPersonId: string;
    /** True when `intoPersonId` is a person merged earlier and now restored (an unmerge). */
    readonly restored: boolean;
    /** What moves to `intoPersonId`: on an unmerge, those of `linkedWhileMerged` going back included. */
    readonly recordIds: readonly string[];
    readonly caseIds: readonly string[];
    /**
     * On an unmerge, each record linked to the survivor while the two were one (and the case its
     * referral opened): the person it went to (`intoPersonId`, or `personId` where it stayed) and
     * what decided it. Absent when there were none, and from unmerges recorded before.
     */
    readonly linkedWhileMerged?: readonly LinkedWhileMergedPlaced[];
    /**
     * On an unmerge, each person another review merged into the survivor while the two were one
     * (by the id that stood for them then): the person they went to. One going back with
     * `intoPersonId` is merged into them from then on, with all they hold (not in `recordIds` and
     * `caseIds`, which a later restore of them would not give back). Absent when there were none.
     */
    readonly mergedWhileOne?: readonly MergedWhileOnePlaced[];
    /**
     * The identifier kinds the reviewer stated were recorded in error on the records on one side,
     * letting the split leave their values on both people (no route corrects an identifier on a
     * record). Absent when none were stated, and from splits recorded before.
     */
    readonly identifiersInError?: readonly IdentifierKind[];
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

/** Where an unmerge put one record linked while merged, and what decided it. */
export interface LinkedWhileMergedPlaced {
  readonly recordId: string;
  readonly caseId?: string;
  readonly to: string;
  readonly by: 'identifier' | 'score' | 'reviewer';
}

/** Where an unmerge put someone merged in while the two were one, and what decided it. */
export interface MergedWhileOnePlaced {
  readonly personId: string;
  readonly to: string;
  /** `holds-nothing`: everything they held was split off before the restore; they stay where they were. */
  readonly by: 'identifier' | 'score' | 'reviewer' | 'holds-nothing';
}

/**
 * Written on the stream of each person a restore (undoing a split) gives records or cases back to,
 * before the restore itself is recorded on the split-off person's stream. A referral's link expects
 * the revision of this stream it scored against, so one scored on what the person held before the
 * restore can no longer be recorded beside it unseen. The restore is recorded next on
 * `identity-<splitOffPersonId>` after `splitOffRevision`, or never: anything else recorded there
 * first (a record linked, `restore-withdrawn`) settles that it never will be.
 */
export type RestoreBegun = DomainEvent<
  'restore-begun',
  {
    /** Whom the restore gives something back to, as they are now. */
    readonly personId: string;
    readonly splitOffPersonId: string;
    readonly splitOffRevision: number;
    /** What goes back to this person. */
    readonly recordIds: readonly string[];
    readonly caseIds: readonly string[];
    readonly occurredAt: string;
  }
>;

/**
 * Why a change begun (`restore-begun`, `merge-begun`) will never be recorded: it failed after it
 * began (`failed`: another person it changes changed meanwhile, or its own append failed), or a
 * process that stopped between its appends left it unfinished and a referral took it over
 * (`abandoned`).
 */
export type WithdrawalCause = 'failed' | 'abandoned';

/** A restore begun (`restore-begun`) that will never be recorded, on the split-off person's stream. */
export type RestoreWithdrawn = DomainEvent<
  'restore-withdrawn',
  {
    readonly personId: string;
    readonly cause: WithdrawalCause;
    readonly occurredAt: string;
  }
>;

/**
 * Written on the stream of each of the two people a confirmation merges, before the confirmation
 * itself is recorded on the review's stream (`personmatch-<proposalId>`), which a referral's link
 * never touches. The link expects the revision of this stream it scored against, and this event
 * expects the revision the confirmation's facts were read at, so a record linked to either person
 * and a merge of them decided on what they held before it are never both recorded. The
 * confirmation is recorded next on the review's stream after `reviewRevision`, or never: anything
 * else recorded there first (another decision, the pair proposed again, `merge-withdrawn`)
 * settles that it never will be.
 */
export type MergeBegun = DomainEvent<
  'merge-begun',
  {
    /** One of the two people merged, as they are now: the person whose stream this is. */
    readonly personId: string;
    readonly proposalId: string;
    /** Both people merged, as they are now. */
    readonly personIds: readonly [string, string];
    readonly reviewRevision: number;
    readonly occurredAt: string;
  }
>;

/**
 * Written on the victim's stream by a MARAC referral that names a perpetrator, just before its case
 * (`case-<caseId>`, which no confirmation reads). A confirmation's `merge-begun` expects her stream
 * unchanged since its facts were read, so it either read this event, and does not merge her with
 * whoever holds `namedRecordId` while the person index has not read the case, or is refused; the
 * referral writes it only at the revision it read, never beside a merge of the two begun unseen.
 * It names his record, not him, so his own trail does not tell him a case names him.
 */
export type CaseNamingBegun = DomainEvent<
  'case-naming-begun',
  {
    /** Whom the case is about, as she is now: the person whose stream this is. */
    readonly personId: string;
    readonly caseId: string;
    readonly panelCode: string;
    /** The record the referral brought in for the person it names: whoever holds it is kept apart from her. */
    readonly namedRecordId: string;
    readonly occurredAt: string;
  }
>;

export type PersonLinkEvent =
  | PersonRecordLinked
  | PersonRecordDetailsRecorded
  | PersonSplit
  | RestoreBegun
  | RestoreWithdrawn
  | MergeBegun
  | CaseNamingBegun;

export type MatchProposed = DomainEvent<
  'match-proposed',
  {
    readonly proposalId: string;
    /**
     * The known person first; second, the one the scored record belongs to (registered by it, or
     * linked to them just before). A second `match-proposed` on the stream proposes the pair again
     * on a newer record, once a split moved the one the last was scored on off its second person.
     */
    readonly personIds: readonly [string, string];
    readonly score: number;
    readonly levels: MatchLevels;
    readonly guards: readonly string[];
    /** The model that scored the pair; absent from proposals recorded before models were named. */
    readonly model?: DecidingModel;
    readonly occurredAt: string;
  }
>;

/**
 * A reviewer confirmed the pair: `mergedId` becomes `survivorId` (the older person), as the two
 * were when decided. A confirmation racing another may find them part of other people when folded;
 * the merge rule then compares those (merge-rule.ts), by the positions confirmations recorded.
 */
export type MatchConfirmed = DomainEvent<
  'match-confirmed',
  {
    readonly proposalId: string;
    readonly personIds: readonly [string, string];
    readonly survivorId: string;
    readonly mergedId: string;
    /** Log position of each one's registration (absent from confirmations recorded before v8 of the person index). */
    readonly registeredAt?: Readonly<Record<string, number>>;
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

/** A reviewer rejected the pair: the matcher never proposes it again (a reviewer may reopen it). */
export type MatchRejected = DomainEvent<
  'match-rejected',
  {
    readonly proposalId: string;
    readonly personIds: readonly [string, string];
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

/**
 * A reviewer took back a decision: a rejection, or a confirmation whose merge a restoring split has
 * since undone. The proposal is open again, to be confirmed or rejected anew.
 */
export type MatchReopened = DomainEvent<
  'match-reopened',
  {
    readonly proposalId: string;
    readonly personIds: readonly [string, string];
    /** The decision taken back. */
    readonly previously: 'confirmed' | 'rejected';
    readonly reason: string;
    readonly occurredAt: string;
  }
>;

/**
 * A merge begun (`merge-begun`) that will never be recorded, on the review's stream: it decides
 * nothing about the pair, whose review stays as it was (open).
 */
export type MergeWithdrawn = DomainEvent<
  'merge-withdrawn',
  {
    readonly proposalId: string;
    readonly personIds: readonly [string, string];
    readonly cause: WithdrawalCause;
    readonly occurredAt: string;
  }
>;

export type MatchEvent = MatchProposed | MatchConfirmed | MatchRejected | MatchReopened | MergeWithdrawn;

/** The types written to `identity-` streams. */
export const PERSON_LINK_EVENT_TYPES = [
  'person-record-linked',
  'person-record-details-recorded',
  'person-split',
  'restore-begun',
  'restore-withdrawn',
  'merge-begun',
  'case-naming-begun',
] as const satisfies readonly PersonLinkEvent['type'][];

/** The types written to `personmatch-` streams. */
export const MATCH_EVENT_TYPES = [
  'match-proposed',
  'match-confirmed',
  'match-rejected',
  'match-reopened',
  'merge-withdrawn',
] as const satisfies readonly MatchEvent['type'][];

export const IDENTITY_EVENT_TYPES = [...PERSON_LINK_EVENT_TYPES, ...MATCH_EVENT_TYPES] as const;
