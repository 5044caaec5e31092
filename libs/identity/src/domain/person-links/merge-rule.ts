/**
 * The one rule every fold of reviewers' decisions applies (the person index, the person graph of
 * both person resolvers), so that all of them agree on who is one person, whatever order two
 * reviewers' decisions raced into the log.
 *
 * Decisions about different pairs live on different `personmatch-` streams, so nothing stops a
 * confirmation and a rejection being decided on the same facts and both recorded. The log settles
 * it: whichever comes first holds, and the other takes no effect.
 * - A confirmation merges unless its two people are one already, or a rejection standing earlier in
 *   the log keeps them apart (a rejection holds for the people: any id of one against any of the other).
 * - A rejection stands only if its two people are two people when it is recorded: one that raced in
 *   after confirmations made them one person leaves the merge alone (split first, then reopen).
 * - A reopened rejection stands no more.
 */
export interface StandingRejection {
  readonly proposalId: string;
  readonly personIds: readonly [string, string];
}

export interface MergeFacts {
  /** The person an id stands for now, following merges. */
  current(personId: string): string;
  /** Rejections now in force (recorded while their two people were two, not reopened since). */
  standingRejections(): Iterable<StandingRejection>;
}

export type ConfirmationEffect =
  | { readonly merges: true; readonly survivorId: string; readonly mergedId: string }
  | { readonly merges: false; readonly conflict: 'already-one-person' }
  | { readonly merges: false; readonly conflict: 'match-rejected-before'; readonly rejectionId: string };

/** What a recorded `match-confirmed` does, given the decisions folded before it. */
export function confirmationEffect(
  confirmed: { readonly survivorId: string; readonly mergedId: string },
  facts: MergeFacts,
): ConfirmationEffect {
  const survivorId = facts.current(confirmed.survivorId);
  const mergedId = facts.current(confirmed.mergedId);
  if (survivorId === mergedId) return { merges: false, conflict: 'already-one-person' };
  const rejection = rejectionKeepingApart(survivorId, mergedId, facts);
  if (rejection !== undefined)
    return { merges: false, conflict: 'match-rejected-before', rejectionId: rejection.proposalId };
  return { merges: true, survivorId, mergedId };
}

/** Whether a recorded `match-rejected` comes into force: only between two people. */
export function rejectionStands(personIds: readonly [string, string], facts: Pick<MergeFacts, 'current'>): boolean {
  return facts.current(personIds[0]) !== facts.current(personIds[1]);
}

/** The standing rejection, if any, between the people `a` and `b` are now. */
export function rejectionKeepingApart(a: string, b: string, facts: MergeFacts): StandingRejection | undefined {
  const rootA = facts.current(a);
  const rootB = facts.current(b);
  for (const rejection of facts.standingRejections()) {
    const x = facts.current(rejection.personIds[0]);
    const y = facts.current(rejection.personIds[1]);
    if ((x === rootA && y === rootB) || (x === rootB && y === rootA)) return rejection;
  }
  return undefined;
}
