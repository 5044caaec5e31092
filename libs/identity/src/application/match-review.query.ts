import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import type { IdentifierKind } from '../domain/identifiers';
import type { MatchLevels } from '../domain/matching';
import { IDENTITY_RULES } from '../domain/person-links';
import { PERSON_INDEX } from '../projections';
import {
  tookEffect,
  type DecisionColumns,
  type EarlierDecisionEntry,
  type UndoingSplit,
} from '../projections/review-history';
import { requireCurrentPersonIndex } from './person-index-currency';
import { modelOf, PersonIndexQuery, type OpenReview, type ReviewState } from './person-index.query';

/**
 * What the log holds about a review, in the merge rule's words (merge-rule.ts): a decision that
 * lost a race is recorded all the same, so its status says it took no effect.
 */
export type MatchReviewStatus =
  | 'open'
  | 'confirmed'
  | 'confirmed-undone'
  | 'confirmed-merged-nobody'
  | 'rejected'
  | 'rejected-kept-no-one-apart';

export interface MatchReviewDecision {
  readonly decidedBy: { readonly id: string; readonly name: string; readonly agency: string };
  readonly reason: string;
  /** When the reviewer decided (the command's occurredAt). */
  readonly decidedAt: string;
  /** When the log recorded it: decisions that race are settled in this order. */
  readonly recordedAt: string;
  readonly tookEffect: boolean;
  /** Why it took no effect; `rejectionReviewId` names the review whose rejection kept the two apart. */
  readonly noEffect?: { readonly rule: string; readonly rejectionReviewId?: string };
  /** The restoring split that made the two people two again, after this confirmation merged them. */
  readonly undoneBy?: UndoingSplit;
}

/** A decision a reviewer took back by reopening the review, and that reopening. */
export interface EarlierMatchReviewDecision extends MatchReviewDecision {
  readonly decision: 'confirmed' | 'rejected';
  readonly reopened: Omit<UndoingSplit, 'position' | 'personId'>;
}

export interface MatchReview extends OpenReview {
  readonly status: MatchReviewStatus;
  /**
   * An open review the queue leaves out, because the rule named here would refuse a confirmation
   * (`proposal-evidence-moved`: a split since moved the record it was scored on off its second person;
   * `identifier-conflict`: the two hold different values of the identifier `kinds` now;
   * `proposal-evidence-removed`: it was scored with identifiers agreeing on a value since removed from a record;
   * `marac-victim-and-perpetrator`: the MARAC case `caseId` about one names the other as perpetrator,
   * told only to readers who may see that case: `visibleMatchReview` says it to others without it).
   * `reviewId`: for `same-pair-in-queue`, the older proposal of the same two people that is queued instead.
   */
  readonly notInQueue?: {
    readonly rule: string;
    readonly reviewId?: string;
    readonly kinds?: readonly IdentifierKind[];
    readonly caseId?: string;
  };
  readonly decision?: MatchReviewDecision;
  /** Decisions reopened since, in log order; absent when there were none. */
  readonly earlierDecisions?: readonly EarlierMatchReviewDecision[];
}

interface DetailRow extends DecisionColumns {
  score: number;
  levels: string;
  model: string | null;
  guards: string;
  earlier: string;
}

/** One review, open or decided, as the person index folded it. */
@Injectable()
export class MatchReviewQuery {
  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly index: PersonIndexQuery,
  ) {}

  review(id: string): MatchReview | undefined {
    return this.readModels.read(() => {
      // An older version answering during a rebuild lacks the decision columns (v7) and no longer moves;
      // a newer release's version may lack or rename them.
      requireCurrentPersonIndex(this.index);
      const state = this.index.review(id);
      const row = this.readModels
        .statement<DetailRow, [string]>(
          PERSON_INDEX,
          (t) => `SELECT score, levels, guards, model, status, standing, merged, conflict, conflict_with, decided_by,
                  reason, decided_at, recorded_at, undone_by, earlier
                  FROM ${t.table('proposals')} WHERE proposal_id = ?`,
        )
        .get(id);
      if (state === undefined || row === undefined) return undefined;
      const [a, b] = state.personIds.map((personId) => this.index.current(personId) ?? personId) as [string, string];
      const notInQueue = state.status === 'open' ? this.whyNotQueued(state, a, b) : undefined;
      const decision = state.status === 'open' ? undefined : decisionOf(row);
      const earlier = (JSON.parse(row.earlier) as EarlierDecisionEntry[]).flatMap((entry) => earlierOf(entry));
      return {
        id,
        personIds: [a, b],
        score: row.score,
        levels: JSON.parse(row.levels) as MatchLevels,
        guards: JSON.parse(row.guards) as string[],
        ...modelOf(row),
        status: statusOf(state, row),
        ...(notInQueue === undefined ? {} : { notInQueue }),
        ...(decision === undefined ? {} : { decision }),
        ...(earlier.length === 0 ? {} : { earlierDecisions: earlier }),
      };
    });
  }

  /** The queue's own test (PersonIndexQuery.openReviews): a pair that needs no review is left out. */
  private whyNotQueued(state: ReviewState, a: string, b: string): MatchReview['notInQueue'] {
    const { id } = state;
    if (a === b) return { rule: IDENTITY_RULES.alreadyOnePerson };
    if (this.index.holdsNothing(a) || this.index.holdsNothing(b)) return { rule: IDENTITY_RULES.personHoldsNothing };
    if (this.index.rejectedBetween(a, b)) return { rule: 'match-rejected-before' };
    if (this.index.splitApartBetween(a, b)) return { rule: IDENTITY_RULES.peopleSplitApart };
    const naming = this.index.namingBetween(a, b);
    if (naming !== undefined) return { rule: IDENTITY_RULES.maracVictimAndPerpetrator, caseId: naming.caseId };
    if (this.index.proposalEvidenceMoved(state)) return { rule: IDENTITY_RULES.proposalEvidenceMoved };
    const kinds = this.index.identifierConflict(a, b);
    if (kinds.length > 0) return { rule: IDENTITY_RULES.identifierConflict, kinds };
    if (this.index.proposalEvidenceRemoved(state)) return { rule: IDENTITY_RULES.proposalEvidenceRemoved };
    const queued = this.index
      .openReviews()
      .find(({ personIds: [x, y] }) => (x === a && y === b) || (x === b && y === a));
    return queued === undefined || queued.id === id ? undefined : { rule: 'same-pair-in-queue', reviewId: queued.id };
  }
}

function statusOf(state: ReviewState, row: DecisionColumns): MatchReviewStatus {
  if (state.status === 'confirmed') {
    if (!state.tookEffect) return 'confirmed-merged-nobody';
    return row.undone_by === null ? 'confirmed' : 'confirmed-undone';
  }
  if (state.status === 'rejected') return state.tookEffect ? 'rejected' : 'rejected-kept-no-one-apart';
  return 'open';
}

function decisionOf(row: DecisionColumns): MatchReviewDecision | undefined {
  if (row.decided_by === null) return undefined;
  return {
    decidedBy: JSON.parse(row.decided_by) as MatchReviewDecision['decidedBy'],
    reason: row.reason ?? '',
    decidedAt: row.decided_at ?? '',
    recordedAt: row.recorded_at ?? '',
    tookEffect: tookEffect(row),
    ...(row.conflict === null
      ? {}
      : {
          noEffect: {
            rule: row.conflict,
            ...(row.conflict_with === null ? {} : { rejectionReviewId: row.conflict_with }),
          },
        }),
    ...(row.undone_by === null ? {} : { undoneBy: JSON.parse(row.undone_by) as UndoingSplit }),
  };
}

function earlierOf(entry: EarlierDecisionEntry): EarlierMatchReviewDecision[] {
  const decided = decisionOf(entry);
  if (decided === undefined || (entry.status !== 'confirmed' && entry.status !== 'rejected')) return [];
  return [
    {
      decision: entry.status,
      ...decided,
      reopened: {
        by: JSON.parse(entry.reopened_by) as MatchReviewDecision['decidedBy'],
        reason: entry.reopen_reason,
        at: entry.reopened_at,
        recordedAt: entry.reopen_recorded_at,
      },
    },
  ];
}
