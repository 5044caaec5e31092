import type { MatchEvent } from '../../../../identity/src/domain/person-links';
import { samePair } from './kept-apart';
import { proposalIdFor } from './proposal-id';

interface Proposal {
  readonly personIds: readonly [string, string];
  /** The id of the event that proposed it: a retried resolution recognises its own proposals. */
  readonly proposedBy: string;
  readonly open: boolean;
}

/**
 * Every proposal in the log and whether it is still before a reviewer. A proposal's id is fixed
 * by the two ids it named, but merges change who they are: P~Q stays open as S~P once Q is merged
 * into S, and proposing P~S would queue the same pair again under another id.
 */
export class ProposalsOnRecord {
  private readonly proposals = new Map<string, Proposal>();

  apply(event: MatchEvent, eventId: string): void {
    const before = this.proposals.get(event.data.proposalId);
    if (event.type === 'match-proposed') {
      if (before === undefined)
        this.proposals.set(event.data.proposalId, { personIds: event.data.personIds, proposedBy: eventId, open: true });
    } else if (before !== undefined) {
      this.proposals.set(event.data.proposalId, { ...before, open: event.type === 'match-reopened' });
    }
  }

  /**
   * Whether proposing `a`~`b` would add nothing to the queue: their own proposal is recorded (open
   * or decided: proposing it again writes nothing), or another one still open names the two people
   * they are now. `mine` is the id of the event this resolution proposes the pair with: a retry's
   * own proposal still counts as proposed by this referral, so the retry picks what the first try did.
   */
  alreadyProposed(a: string, b: string, current: (personId: string) => string, mine: (id: string) => string): boolean {
    const id = proposalIdFor(a, b);
    const own = this.proposals.get(id);
    if (own !== undefined) return own.proposedBy !== mine(id);
    const pair = samePair(current(a), current(b));
    for (const { personIds, open } of this.proposals.values()) {
      if (open && pair(current(personIds[0]), current(personIds[1]))) return true;
    }
    return false;
  }
}
