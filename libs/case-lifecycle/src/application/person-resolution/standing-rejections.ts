import {
  rejectionKeepingApart,
  rejectionStands,
  type MatchEvent,
  type StandingRejection,
} from '../../../../identity/src/domain/person-links';

/**
 * Reviewers' rejections in force, folded by the shared merge rule like the person graph's, so a
 * pair a reviewer said are two people is not put to them again through a third record.
 */
export class StandingRejections {
  private readonly standing = new Map<string, StandingRejection>();

  /** Before the graph folds the event: whether a rejection stands depends on who is one person now. */
  apply(event: MatchEvent, current: (personId: string) => string): void {
    if (event.type === 'match-rejected' && rejectionStands(event.data.personIds, { current })) {
      this.standing.set(event.data.proposalId, { proposalId: event.data.proposalId, personIds: event.data.personIds });
    } else if (event.type === 'match-reopened') {
      this.standing.delete(event.data.proposalId);
    }
  }

  keepApart(a: string, b: string, current: (personId: string) => string): boolean {
    return rejectionKeepingApart(a, b, { current, standingRejections: () => this.standing.values() }) !== undefined;
  }
}
