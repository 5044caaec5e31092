import { proposalEvidenceMoved, type MatchEvent } from '../../../../identity/src/domain/person-links';
import { samePair } from './kept-apart';
import { proposalIdFor } from './proposal-id';

interface Proposal {
  readonly personIds: readonly [string, string];
  /** The id of the event that proposed it (last): a retried resolution recognises its own proposals. */
  readonly proposedBy: string;
  readonly open: boolean;
  /**
   * The record it was scored on, as the person index infers it (`proposalEvidenceMoved` in
   * person-index.query.ts): the latest record its second person got under their own id before it.
   */
  readonly scoredRecord: string | undefined;
  /** How many times the pair was proposed: the decider proposes again only on the count it was shown. */
  readonly timesProposed: number;
}

/** Who people and records belong to now (the resolver's person graph). */
export interface PeopleNow {
  current(personId: string): string;
  personOfRecord(recordId: string): string | undefined;
}

/**
 * Every proposal in the log and whether it is still before a reviewer. A proposal's id is fixed
 * by the two ids it named, but merges change who they are: P~Q stays open as S~P once Q is merged
 * into S, and proposing P~S would queue the same pair again under another id. An open proposal
 * whose scored record a split moved off its second person is before no reviewer (the queue leaves
 * it out and confirming it is refused), so it is no reason not to propose the pair on a newer record.
 */
export class ProposalsOnRecord {
  private readonly proposals = new Map<string, Proposal>();
  /** The latest record each person id got under that id: registering them, or linked to them. */
  private readonly latestRecord = new Map<string, string>();

  recordAdded(recordId: string, personId: string): void {
    this.latestRecord.set(personId, recordId);
  }

  apply(event: MatchEvent, eventId: string): void {
    const before = this.proposals.get(event.data.proposalId);
    if (event.type === 'match-proposed') {
      // The first proposal, or the pair proposed again on a newer record (the decider allows that
      // only while open): either way, what it is scored on now.
      const { personIds } = event.data;
      this.proposals.set(event.data.proposalId, {
        personIds,
        proposedBy: eventId,
        open: true,
        scoredRecord: this.latestRecord.get(personIds[1]),
        timesProposed: (before?.timesProposed ?? 0) + 1,
      });
    } else if (before !== undefined && event.type !== 'merge-withdrawn') {
      // A merge withdrawn decided nothing: the proposal stays as it was.
      this.proposals.set(event.data.proposalId, { ...before, open: event.type === 'match-reopened' });
    }
  }

  /**
   * Whether proposing `a`~`b` would add nothing to the queue: their own proposal is recorded (open
   * or decided: proposing it again writes nothing), or another one still open names the two people
   * they are now. `mine` is the id of the event this resolution proposes the pair with: a retry's
   * own proposal still counts as proposed by this referral, so the retry picks what the first try did.
   * An open proposal whose evidence moved counts for nothing: it is proposed again (`evidenceMoved`).
   */
  alreadyProposed(a: string, b: string, now: PeopleNow, mine: (id: string) => string): boolean {
    const id = proposalIdFor(a, b);
    const own = this.proposals.get(id);
    if (own !== undefined) return own.proposedBy !== mine(id) && !this.movedEvidence(own, now);
    const pair = samePair(now.current(a), now.current(b));
    for (const proposal of this.proposals.values()) {
      const [x, y] = proposal.personIds;
      if (proposal.open && pair(now.current(x), now.current(y)) && !this.movedEvidence(proposal, now)) return true;
    }
    return false;
  }

  /**
   * For the `propose-match` command: set when the pair's own proposal is open and a split has moved
   * the record it was scored on off its second person, with how many times it was proposed.
   */
  evidenceMoved(proposalId: string, now: PeopleNow): { timesProposed: number } | undefined {
    const proposal = this.proposals.get(proposalId);
    return proposal !== undefined && this.movedEvidence(proposal, now)
      ? { timesProposed: proposal.timesProposed }
      : undefined;
  }

  private movedEvidence({ open, personIds: [a, b], scoredRecord }: Proposal, now: PeopleNow): boolean {
    if (!open || scoredRecord === undefined) return false;
    return proposalEvidenceMoved({
      pair: [now.current(a), now.current(b)],
      scoredRecordHeldBy: now.personOfRecord(scoredRecord),
    });
  }
}
