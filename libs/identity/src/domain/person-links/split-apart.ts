/** A split that started a person: whom it split off (`splitFrom`) and the person it started. */
export interface SplitApart {
  readonly splitFrom: string;
  readonly personId: string;
}

/**
 * Whether a split parted these two people, each as they are now (through anyone merged into
 * either since), in either direction. A split says the records it moved are someone else's, so no
 * confirmation may merge the two back: a later referral proposed against each of them made one
 * review pair them directly once the other was confirmed, and confirming it undid the split. Only
 * undoing the split (split with restore) brings them back together. An unmerge is not one of
 * these: it gives back two people a confirmation had made one, and reopening that review is the
 * documented way to merge them again.
 */
export function splitKeepingApart(
  a: string,
  b: string,
  splits: readonly SplitApart[],
  current: (personId: string) => string,
): SplitApart | undefined {
  const [x, y] = [current(a), current(b)];
  if (x === y) return undefined;
  return splits.find((split) => {
    const [from, off] = [current(split.splitFrom), current(split.personId)];
    return (from === x && off === y) || (from === y && off === x);
  });
}
