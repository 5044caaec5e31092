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
 * - The person registered first survives, judged when the confirmation is folded, not when it was
 *   decided: two confirmations sharing a person (A–C and B–C) are each decided on the index before
 *   the other, so the second names a survivor (B) that is no longer one of the two people (C is A's
 *   now). It names them as they were, and the fold compares the people they are now.
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

/**
 * Registration positions as confirmations recorded them (`match-confirmed.registeredAt`). Only
 * these, never a fold's own knowledge of registrations, so that every fold (some see no
 * registrations) picks the same survivor. Confirmations recorded before they carried positions
 * leave their people unknown, and a merge of an unknown person keeps the survivor as decided.
 */
export interface RecordedRegistrations {
  registrationOf(personId: string): number | undefined;
}

export type ConfirmationEffect =
  | { readonly merges: true; readonly survivorId: string; readonly mergedId: string }
  | { readonly merges: false; readonly conflict: 'already-one-person' }
  | { readonly merges: false; readonly conflict: 'match-rejected-before'; readonly rejectionId: string };

/** What a recorded `match-confirmed` does, given the decisions folded before it. */
export function confirmationEffect(
  confirmed: { readonly survivorId: string; readonly mergedId: string },
  facts: MergeFacts & RecordedRegistrations,
): ConfirmationEffect {
  const named = facts.current(confirmed.survivorId);
  const other = facts.current(confirmed.mergedId);
  if (named === other) return { merges: false, conflict: 'already-one-person' };
  const rejection = rejectionKeepingApart(named, other, facts);
  if (rejection !== undefined)
    return { merges: false, conflict: 'match-rejected-before', rejectionId: rejection.proposalId };
  return registeredBefore(other, named, facts)
    ? { merges: true, survivorId: other, mergedId: named }
    : { merges: true, survivorId: named, mergedId: other };
}

/** Whether `a` was registered before `b`, as recorded; false when either is unknown. Ties go to the id. */
function registeredBefore(a: string, b: string, { registrationOf }: RecordedRegistrations): boolean {
  const atA = registrationOf(a);
  const atB = registrationOf(b);
  if (atA === undefined || atB === undefined) return false;
  return atA < atB || (atA === atB && a < b);
}

/** The positions a confirmation recorded, for a fold to keep (first seen: registrations never move). */
export function recordedRegistrations(confirmed: {
  readonly registeredAt?: Readonly<Record<string, number>>;
}): [string, number][] {
  return Object.entries(confirmed.registeredAt ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
  );
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
