/**
 * For `applyBatch` in projections that keep one row of folded state per key (a case, a person):
 * each key's row is loaded once, all of the batch's events for it are folded in memory, in log
 * order, and the row is saved once. Per-event read-modify-write of a JSON state column costs a
 * parse, a stringify and a row write per event; this costs them once per key per batch.
 *
 * Folding one key must not read another key's row from the table (it would see the state
 * before the batch): keys are independent, as streams are.
 */
export function foldPerKey<E, S>(
  events: readonly E[],
  fold: {
    /** The key an event folds into; undefined: the event is not for this fold. */
    readonly keyOf: (event: E) => string | undefined;
    /** The key's state before the batch (from the table, or the initial state). */
    readonly load: (key: string) => S;
    readonly evolve: (state: S, event: E) => S;
    /** Writes the key's state after the batch; called once per key that had events, in first-seen order. */
    readonly save: (key: string, state: S, last: E) => void;
  },
): void {
  const folded = new Map<string, { state: S; last: E }>();
  for (const event of events) {
    const key = fold.keyOf(event);
    if (key === undefined) continue;
    const entry = folded.get(key);
    if (entry === undefined) folded.set(key, { state: fold.evolve(fold.load(key), event), last: event });
    else {
      entry.state = fold.evolve(entry.state, event);
      entry.last = event;
    }
  }
  for (const [key, { state, last }] of folded) fold.save(key, state, last);
}
