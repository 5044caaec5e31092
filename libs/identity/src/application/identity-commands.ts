import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { conflict, invalid, notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import {
  casesWithTheirRecords,
  holdsNothing,
  IDENTITY_RULES,
  identityStream,
  matchProposalDecider,
  matchStream,
  namingKeepingApart,
  personLinksDecider,
  requireReason,
  type CameFrom,
  type MatchProposalCommand,
  type PerpetratorNaming,
  type RecordsAndCases,
  type SplitFacts,
} from '../domain/person-links';
import { awaitPersonIndex, personIndexReaches, requireCurrentPersonIndex } from './person-index-currency';
import { holdingsOf, PersonIndexQuery, type IndexedPerson, type ReviewState } from './person-index.query';
import { mayViewPerson, seesPerpetratorNaming } from './person-visibility';
import { requireSplitWithinPanels, splitOffBeyondYourPanels } from './split-within-panels';
import { recordRestore } from './restore-in-two-steps';
import { recordMerge } from './merge-in-two-steps';
import { namingsBeingRecorded } from './namings-being-recorded';
import { movedBySplitThatStarted } from './split-that-started';
import { InProcessReviewDecisionTurns, REVIEW_DECISION_TURNS, type ReviewDecisionTurns } from './review-decision-turns';
import { sortedAtRestore } from './records-linked-while-merged';
import { requireIdentifiersKeptTogether, statedOfNothingParted } from './identifiers-kept-together';
import type { IdentifierKind } from '../domain/identifiers';
import { requireMergeNotUndone } from './merge-not-undone';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { BUILT_IN_MATCHING_MODEL } from '../config/configured-matching-model';

/** How long a command waits for the person index to include everything written before it. */
const INDEX_WAIT_MS = 5000;

export interface SplitRequest {
  readonly reason: string;
  readonly restore?: string;
  readonly recordIds?: readonly string[];
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  /** Kinds the reviewer states were recorded in error on the records on one side (identifiers-kept-together.ts). */
  readonly identifiersInError?: readonly IdentifierKind[];
}

export interface IdentityCommandResult {
  readonly position: number | undefined;
  readonly [key: string]: unknown;
}

/**
 * Reviewers' decisions about people. Each is decided by a pure decider on facts read from the
 * person index, after the index has caught up with the log, and recorded with the caller as actor.
 */
@Injectable()
export class IdentityCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: PersonIndexQuery,
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress?: ReadModelProgress,
    @Optional()
    @Inject(REVIEW_DECISION_TURNS)
    private readonly turns: ReviewDecisionTurns = new InProcessReviewDecisionTurns(),
  ) {}

  /** The matching model in force, which sorts the records linked while merged at a restore (the resolver's). */
  @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig;

  /**
   * Every decision about who holds what (confirm, reject, reopen, and every split, a restore
   * included) is taken one at a time: in this process, and with REDIS_URL across every API process
   * (a Redis lease). Each is checked on facts read from the index, and two taken at once were each
   * checked without the other: confirming A~B and B~C together merged A's PNC ID and C's into one
   * person though each alone would have been refused, and so did a confirmation beside a restore
   * (or two restores) bringing a second PNC ID onto one person, written to different streams. A
   * confirmation beside the split that moved the record it was scored on merged on evidence neither
   * person held. `caughtUp()` runs inside `decide`, once the turn has come, so each reads a log head
   * holding the previous decision's events and is checked on an index that has folded them.
   * One turn for all people, not one per person: whom a decision touches is known only from the
   * index read inside it (merges chain people together), and a decision never takes a second turn,
   * so none waits for one that waits for it.
   */
  private oneAtATime<T>(decide: () => Promise<T>): Promise<T> {
    return this.turns.take(decide);
  }

  confirm(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    return this.oneAtATime(() => this.confirmNow(principal, reviewId, reason, context));
  }

  reject(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    return this.oneAtATime(() => this.rejectNow(principal, reviewId, reason, context));
  }

  reopen(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    return this.oneAtATime(() => this.reopenNow(principal, reviewId, reason, context));
  }

  private async confirmNow(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    requireReason(reason);
    const { review, foldedUpTo } = await this.visibleReview(principal, reviewId);
    requireMergeNotUndone(review, (id) => this.index.current(id) ?? id);
    const [a, b] = this.currentPair(review.personIds);
    if (review.status === 'open' && a !== b && (this.index.holdsNothing(a) || this.index.holdsNothing(b)))
      throw conflict(
        IDENTITY_RULES.personHoldsNothing,
        'one of these two holds no record, no case and is named on no case now (all of it was split off them or taken back by an undone split): there is nobody to merge; reject the review, or reopen it once they hold a record again',
      );
    // The score and levels a reviewer confirms are about the records compared, not the person ids.
    if (review.status === 'open' && a !== b && this.index.proposalEvidenceMoved(review))
      throw conflict(
        IDENTITY_RULES.proposalEvidenceMoved,
        'the record this review was scored on was split off the second of these two people since it was proposed: its score and levels describe a record they no longer hold, so confirming it would merge people the matcher never compared. Reject it, or undo that split (split with restore) to bring it back to the queue',
      );
    // Its `identifiers: agree` rested on a value since removed from a record as recorded in error.
    if (review.status === 'open' && a !== b && this.index.proposalEvidenceRemoved(review))
      throw conflict(
        IDENTITY_RULES.proposalEvidenceRemoved,
        'this review was proposed on an identifier the two people no longer share: it has been removed from a record since as recorded in error, so its levels say the identifiers agree when they do not. Nothing was recorded. Reject it, or, if the removal was itself the error, set the value again through that record’s case and it is back in the queue',
      );
    if (review.status === 'open' && this.index.rejectedBetween(a, b))
      throw conflict(
        'match-rejected-before',
        'a reviewer rejected these two people as one before: undo the merge that brought them together first',
      );
    if (review.status === 'open' && this.index.splitApartBetween(a, b))
      throw conflict(
        IDENTITY_RULES.peopleSplitApart,
        'a split parted these two people (the records it moved are someone else’s), so no confirmation merges them: undo that split (split with restore naming the person it started) to make them one again. Reject this review. Nothing was recorded',
      );
    if (review.status === 'open') requireNotNamedApart(principal, await this.namingBetween(a, b, foldedUpTo));
    const registeredAt: Record<string, number> = {};
    for (const id of [a, b]) {
      const position = this.index.registrationOf(id);
      if (position !== undefined) registeredAt[id] = position;
    }
    // The identifiers checked are those the index held; a record a referral links to either since is
    // refused by the merge's first step, or scored against the merged person after it.
    const recorded = await recordMerge(
      this.store,
      reviewId,
      {
        type: 'confirm-match',
        data: {
          reason,
          currentPersonIds: [a, b],
          registeredAt,
          identifiers: [this.index.identifiersHeld(a), this.index.identifiersHeld(b)],
          occurredAt: context.occurredAt,
        },
      },
      (stream) => this.revisionFolded(stream, foldedUpTo),
      context,
    );
    const { newEvents } = recorded;
    const position = recorded.position === undefined ? undefined : Number(recorded.position);
    // Another confirmation that got there first (`already-one-person`) did what this one asked.
    const settled = await this.settled(reviewId, 'confirmed', position);
    if (settled?.conflict === 'match-rejected-before')
      throw conflict(
        'match-rejected-before',
        'a reviewer rejected these two people as different just before your confirmation was recorded: it merged nobody (reopen it once the rejection is reopened)',
      );
    const confirmed = newEvents.find((e) => e.type === 'match-confirmed');
    // A confirmation recorded just before may have merged one of the two into someone registered earlier.
    const merge =
      settled?.merge ??
      (confirmed?.type === 'match-confirmed'
        ? { survivorId: confirmed.data.survivorId, mergedId: confirmed.data.mergedId }
        : undefined);
    return { id: reviewId, status: 'confirmed', ...merge, position };
  }

  private async rejectNow(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    requireReason(reason);
    const { review } = await this.visibleReview(principal, reviewId);
    requireMergeNotUndone(review, (id) => this.index.current(id) ?? id);
    const currentPersonIds = this.currentPair(review.personIds);
    const command = {
      type: 'reject-match',
      data: { reason, currentPersonIds, occurredAt: context.occurredAt },
    } as const;
    const { position } = await this.decideReview(reviewId, command, context);
    if ((await this.settled(reviewId, 'rejected', position))?.conflict === IDENTITY_RULES.undoMergeFirst)
      throw conflict(
        IDENTITY_RULES.undoMergeFirst,
        'a confirmation recorded just before your rejection made these two one person: the rejection keeps no one apart (split with restore, then reopen it)',
      );
    return { id: reviewId, status: 'rejected', position };
  }

  /**
   * Takes back a decision that no longer holds: a rejection, or a confirmation whose merge a
   * restoring split has undone. Whoever may decide a review may reopen it.
   */
  private async reopenNow(principal: Principal, reviewId: string, reason: string, context: CommandContext) {
    requireReason(reason);
    const { review } = await this.visibleReview(principal, reviewId);
    const currentPersonIds = this.currentPair(review.personIds);
    const command = {
      type: 'reopen-match',
      data: { reason, currentPersonIds, occurredAt: context.occurredAt },
    } as const;
    const { position } = await this.decideReview(reviewId, command, context);
    return { id: reviewId, status: 'open', position };
  }

  split(principal: Principal, personId: string, request: SplitRequest, context: CommandContext) {
    return this.oneAtATime(() => this.splitNow(principal, personId, request, context));
  }

  private async splitNow(principal: Principal, personId: string, request: SplitRequest, context: CommandContext) {
    requireReason(request.reason);
    const foldedUpTo = await this.caughtUp();
    const person = this.index.person(personId);
    if (person === undefined || !mayViewPerson(principal, person))
      throw notFound('person-exists', `no person ${personId}`);
    const restored = this.restorable(principal, person, request.restore);
    // A split-off person merged since into anyone is theirs to split first.
    if (restored?.splitFrom === person.personId && this.index.current(restored.personId) === restored.personId)
      return this.restoreSplitOff(principal, person, restored, request, context, foldedUpTo);
    requireSplitWithinPanels(principal, person, request, restored);
    const sorting = this.linkedWhileMerged(principal, person, restored, request);
    if (sorting === undefined) requireNoPeopleNamed(request);
    // A restore of anyone not merged into this person is the decider's to refuse (400).
    if (request.restore === undefined) requireIdentifiersKeptTogether(principal, person, request, undefined);
    else if (sorting !== undefined && restored !== undefined)
      requireIdentifiersKeptTogether(principal, person, request, { restored, sorting });
    const into =
      request.restore === undefined
        ? { newPersonId: randomUUID() }
        : {
            restore: request.restore,
            takesBack: recordsAndCases(restored ?? { records: [], cases: [] }),
            ...(sorting === undefined
              ? {}
              : { linkedWhileMerged: sorting.linkedWhileMerged, mergedWhileOne: sorting.mergedWhileOne }),
          };
    const inError = [...new Set(request.identifiersInError ?? [])];
    const stream = identityStream(person.personId);
    const factsAtRevision = await this.revisionFolded(stream, foldedUpTo);
    const result = await handleCommand(
      this.store,
      stream,
      personLinksDecider,
      {
        type: 'split-person',
        data: {
          personId: person.personId,
          into,
          // A record named twice is still one record: the decider counts what would be left.
          recordIds: [...new Set(request.recordIds ?? [])],
          caseIds: [...new Set(request.caseIds ?? [])],
          identifiersInError: inError,
          reason: request.reason,
          now: facts(person),
          factsAtRevision,
          occurredAt: context.occurredAt,
        },
      },
      context,
    );
    return {
      personId: person.personId,
      intoPersonId: 'restore' in into ? into.restore : into.newPersonId,
      ...sorting?.shown,
      ...(inError.length === 0 ? {} : { identifiersInError: inError }),
      position: result.position === undefined ? undefined : Number(result.position),
    };
  }

  /**
   * For an unmerge: where each record linked, and each person merged in, while merged goes
   * (records-linked-while-merged.ts).
   */
  private linkedWhileMerged(
    principal: Principal,
    person: IndexedPerson,
    restored: IndexedPerson | undefined,
    request: SplitRequest,
  ) {
    // Anyone else is refused by the decider (400 `restore-a-person-merged-into-this-one`).
    if (restored === undefined || !person.mergedPersonIds.includes(restored.personId)) return undefined;
    const { model } = this.config?.matchingModel ?? BUILT_IN_MATCHING_MODEL;
    return sortedAtRestore({ index: this.index, model }, principal, person, restored, request);
  }

  /**
   * The person `restore` names, as they would be restored. One the caller may not see is answered
   * without what they hold or which panels it came from: split off this person, as a split beyond
   * the caller's panels (or, holding nothing now, by the restore's own refusal); otherwise as an id
   * no one has.
   */
  private restorable(principal: Principal, person: IndexedPerson, restore: string | undefined) {
    if (restore === undefined) return undefined;
    const restored = this.index.asRestored(restore);
    if (restored === undefined || person.mergedPersonIds.includes(restored.personId)) return restored;
    if (mayViewPerson(principal, restored)) return restored;
    const splitOffThisPerson =
      restored.splitFrom === person.personId && this.index.current(restored.personId) === restored.personId;
    if (!splitOffThisPerson) return undefined;
    if (!holdsNothing(holdingsOf(restored))) throw splitOffBeyondYourPanels();
    return restored;
  }

  /**
   * Puts what a split moved (records and cases, or a MARAC perpetrator's records alone) back on the
   * person it was split off; the split's panel rules hold for what goes back.
   */
  private async restoreSplitOff(
    principal: Principal,
    person: IndexedPerson,
    splitOff: IndexedPerson,
    request: SplitRequest,
    context: CommandContext,
    foldedUpTo: bigint | undefined,
  ) {
    requireNoPeopleNamed(request);
    // Undoing a split puts back together what it parted: it parts no value.
    if ((request.identifiersInError ?? []).length > 0) throw statedOfNothingParted(request.identifiersInError ?? []);
    if ((request.recordIds ?? []).length > 0 || (request.caseIds ?? []).length > 0)
      throw invalid(
        'recordIds',
        IDENTITY_RULES.restoreSplitOff,
        'restoring a person split off this one takes back all their records: name no recordIds or caseIds',
      );
    requireSplitWithinPanels(principal, splitOff, recordsAndCases(splitOff), undefined);
    const splitFrom = this.index.splitFromAsRecorded(splitOff.personId);
    const { position: splitAt, ...moved } = await movedBySplitThatStarted(this.store, splitOff.personId, splitFrom);
    const cameFrom = this.cameFrom(moved, splitAt, splitFrom ?? person.personId);
    // cameFrom names every record and case the split moved, so these are all it goes back to.
    const returnedTo = [...new Set(cameFrom.map((from) => from.homeNow))];
    const factsAtRevision = await this.revisionFolded(identityStream(splitOff.personId), foldedUpTo);
    const result = await recordRestore(
      this.store,
      {
        type: 'restore-split-off',
        data: {
          personId: person.personId,
          splitOff: {
            ...facts(splitOff),
            personId: splitOff.personId,
            splitFrom: splitOff.splitFrom,
            namedOnCaseIds: splitOff.namedOn.map((c) => c.caseId),
          },
          moved,
          cameFrom,
          identifiers: {
            held: Object.fromEntries(returnedTo.map((id) => [id, this.index.identifiersHeld(id)])),
            going: Object.fromEntries(splitOff.records.map((r) => [r.recordId, r.details.identifiers])),
          },
          factsAtRevision,
          reason: request.reason,
          occurredAt: context.occurredAt,
        },
      },
      (stream) => this.revisionFolded(stream, foldedUpTo),
      context,
    );
    return {
      personId: splitOff.personId,
      intoPersonId: person.personId,
      returnedTo,
      position: result.position === undefined ? undefined : Number(result.position),
    };
  }

  /**
   * Where each record and case a split moved was held until then, as the index remembers it (the
   * split's own person for one it does not), and whom that id stands for now.
   */
  private cameFrom(moved: RecordsAndCases, splitAt: number | undefined, splitFrom: string): CameFrom[] {
    const homes = splitAt === undefined ? [] : this.index.homesBefore(splitAt);
    const from = (kind: CameFrom['kind'], id: string): CameFrom => {
      const home = homes.find((h) => h.kind === kind && h.id === id)?.home ?? splitFrom;
      return { kind, id, home, homeNow: this.index.current(home) ?? home };
    };
    return [...moved.recordIds.map((id) => from('record', id)), ...moved.caseIds.map((id) => from('case', id))];
  }

  private async decideReview(reviewId: string, command: MatchProposalCommand, context: CommandContext) {
    const result = await handleCommand(this.store, matchStream(reviewId), matchProposalDecider, command, context);
    return {
      newEvents: result.newEvents,
      position: result.position === undefined ? undefined : Number(result.position),
    };
  }

  /**
   * Decisions about different pairs can race (each pair has its own stream): the log settles which
   * holds (merge-rule.ts). Once the index has folded this decision, answers the review as it
   * settled, with why it took no effect if it did not; undefined when that cannot be known (no
   * index progress, or the review moved on since).
   */
  private async settled(
    reviewId: string,
    status: 'confirmed' | 'rejected',
    position: number | undefined,
  ): Promise<ReviewState | undefined> {
    if (this.progress === undefined || position === undefined) return undefined;
    // The decision is recorded: an index that cannot say how it settled must not turn that into a refusal.
    const reached = await personIndexReaches(this.index, this.progress, BigInt(position), INDEX_WAIT_MS).catch(
      (error: unknown) => {
        if (error instanceof ServiceUnavailableException) return false;
        throw error;
      },
    );
    if (!reached) return undefined;
    const review = this.index.review(reviewId);
    return review?.status === status ? review : undefined;
  }

  /** The two proposed people as they are now (either may have been merged since the proposal). */
  private currentPair([a, b]: readonly [string, string]): [string, string] {
    return [this.index.current(a) ?? a, this.index.current(b) ?? b];
  }

  /**
   * A reviewer must be able to see both people (a case of each on one of their panels). Answers the
   * review and the log position the index had folded when it was read (see `caughtUp`).
   */
  private async visibleReview(principal: Principal, reviewId: string) {
    const foldedUpTo = await this.caughtUp();
    const review = this.index.review(reviewId);
    const missing = () => notFound('match-review-exists', `no match review ${reviewId}`);
    if (review === undefined) throw missing();
    for (const id of review.personIds) {
      const person = this.index.person(id);
      if (person === undefined || !mayViewPerson(principal, person)) throw missing();
    }
    return { review, foldedUpTo };
  }

  /**
   * The MARAC case keeping the two apart: one the index holds, or one a referral began to write
   * that the index had not read when the facts were (its case is written after `case-naming-begun`
   * on her stream, which the merge's first step expects unchanged since: namings-being-recorded.ts).
   */
  private async namingBetween(a: string, b: string, foldedUpTo: bigint | undefined) {
    const held = this.index.namingBetween(a, b);
    if (held !== undefined) return held;
    return namingKeepingApart(a, b, await namingsBeingRecorded(this.store, this.index, [a, b], foldedUpTo));
  }

  /**
   * Decisions are taken on the index as it stands at the head of the log, or not at all (a 503).
   * Answers the log position the index has folded at least up to (undefined without index progress).
   */
  private async caughtUp(): Promise<bigint | undefined> {
    if (this.progress === undefined) return undefined;
    requireCurrentPersonIndex(this.index);
    const head = await this.store.headPosition();
    await awaitPersonIndex(this.index, this.progress, head, INDEX_WAIT_MS);
    return head;
  }

  /**
   * The revision of `stream` whose events the facts just read from the index include: its last
   * event at or before the position the index had folded. The decider refuses once the stream has
   * moved past it, so a split decided on facts another process's split has since changed is never
   * recorded, however the two interleave (the append itself expects the revision it reads).
   * An event the index may have folded beyond that position only makes the refusal more cautious.
   */
  private async revisionFolded(stream: string, foldedUpTo: bigint | undefined): Promise<number> {
    const recorded = await this.store.readStream(stream);
    const folded = foldedUpTo === undefined ? recorded : recorded.filter((e) => e.position <= foldedUpTo);
    return Number(folded[folded.length - 1]?.revision ?? -1n);
  }
}

/**
 * A victim and the perpetrator her MARAC case names are two people, whatever the matcher scored
 * (perpetrator-naming.ts): refused before anything is recorded, and named only to a reader who
 * sees that case (`seesPerpetratorNaming`).
 */
function requireNotNamedApart(principal: Principal, naming: PerpetratorNaming | undefined): void {
  if (naming === undefined) return;
  if (!seesPerpetratorNaming(principal, naming.panel))
    throw conflict(
      IDENTITY_RULES.keptApartByAnotherPanel,
      'a case on a panel you are not a member of keeps these two people apart, so they cannot be confirmed as one: reject the review, or ask a member of that panel',
    );
  throw conflict(
    IDENTITY_RULES.maracVictimAndPerpetrator,
    `${naming.panel} case ${naming.caseId} about one of these two people names the other as perpetrator: a victim and the perpetrator their case names are never one person. Reject the review; if the case names the wrong person, split the perpetrator's record off them first`,
  );
}

/** `personIds` answers only for people merged in while a restored person was merged into this one. */
function requireNoPeopleNamed(request: SplitRequest): void {
  if ((request.personIds ?? []).length > 0)
    throw invalid(
      'personIds',
      IDENTITY_RULES.personMergedWhileOne,
      'personIds names people merged into this person while the person you restore was merged into them: send it only with restore naming a person merged into this one',
    );
}

function facts(person: IndexedPerson): SplitFacts {
  return {
    mergedPersonIds: person.mergedPersonIds,
    perpetratorRecordIds: person.records.filter((r) => r.forPerpetrator).map((r) => r.recordId),
    casesWithTheirRecords: casesWithTheirRecords(person),
    ...recordsAndCases(person),
  };
}

function recordsAndCases(person: Pick<IndexedPerson, 'records' | 'cases'>): RecordsAndCases {
  return { recordIds: person.records.map((r) => r.recordId), caseIds: person.cases.map((c) => c.caseId) };
}
