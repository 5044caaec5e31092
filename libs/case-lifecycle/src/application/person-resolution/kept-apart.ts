import {
  rejectionKeepingApart,
  rejectionStands,
  type MatchEvent,
  type StandingRejection,
} from '../../../../identity/src/domain/person-links';

/**
 * Reviewers' decisions that two people are two, for proposals: rejections in force, folded by the
 * shared merge rule like the person graph's, and splits. A split (moving records off, or undoing a
 * merge) says the person split off is not the one it was split from, so the matcher does not ask
 * to merge them back, whoever either is merged into later. A rejection holds between the people it
 * named, not a person later split off one of them: the split says those records are someone else,
 * which is a new question (and the merge rule would let a reviewer confirm it).
 */
export class KeptApart {
  private readonly standing = new Map<string, StandingRejection>();
  /** The person split from and the person split off (or restored), as each split named them. */
  private readonly splits: (readonly [string, string])[] = [];

  /** Before the graph folds the event: whether a rejection stands depends on who is one person now. */
  applyDecision(event: MatchEvent, current: (personId: string) => string): void {
    if (event.type === 'match-rejected' && rejectionStands(event.data.personIds, { current })) {
      this.standing.set(event.data.proposalId, { proposalId: event.data.proposalId, personIds: event.data.personIds });
    } else if (event.type === 'match-reopened') {
      this.standing.delete(event.data.proposalId);
    }
  }

  applySplit(personId: string, intoPersonId: string): void {
    this.splits.push([personId, intoPersonId]);
  }

  keepApart(a: string, b: string, current: (personId: string) => string): boolean {
    if (rejectionKeepingApart(a, b, { current, standingRejections: () => this.standing.values() }) !== undefined)
      return true;
    const pair = samePair(current(a), current(b));
    return this.splits.some(([from, off]) => pair(current(from), current(off)));
  }
}

/** Whether two people, in either order, are the pair `x` and `y`. */
export const samePair =
  (x: string, y: string) =>
  (a: string, b: string): boolean =>
    (a === x && b === y) || (a === y && b === x);
