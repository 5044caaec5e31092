import { AsyncLocalStorage } from 'node:async_hooks';

/** Injection token for the `ReviewDecisionTurns` the identity commands take review decisions under. */
export const REVIEW_DECISION_TURNS = Symbol('REVIEW_DECISION_TURNS');

/**
 * Review decisions (confirm, reject, reopen, and splits, a restore included) wait for their turn:
 * each is checked on the person index caught up with the log, and two checked at once are each
 * checked without the other, so confirming A~B and B~C together could merge A's PNC ID and C's into
 * one person though each alone would have been refused. `decide` must read the log head and wait
 * for the index itself, after its turn has come: that is what makes the decision before it count.
 * It must never take another turn: that one would wait for it.
 */
export interface ReviewDecisionTurns {
  take<T>(decide: () => Promise<T>): Promise<T>;
}

/**
 * Turns within one process: the next decision starts when the one before has settled, whether it
 * succeeded or was refused. Enough where one API process serves the data (no REDIS_URL). A turn
 * asked for from inside a turn is refused at once: it would wait forever for the turn it is in.
 */
export class InProcessReviewDecisionTurns implements ReviewDecisionTurns {
  private deciding: Promise<unknown> = Promise.resolve();
  private readonly inTurn = new AsyncLocalStorage<true>();

  take<T>(decide: () => Promise<T>): Promise<T> {
    if (this.inTurn.getStore() === true)
      return Promise.reject(new Error('a turn was asked for inside a turn: it would wait for itself forever'));
    const decision = this.deciding.then(() => this.inTurn.run(true, decide));
    this.deciding = decision.catch(() => undefined);
    return decision;
  }
}
