/** How much a person stands for now: records, cases about them, and cases naming them as perpetrator. */
export interface Holdings {
  readonly records: number;
  readonly cases: number;
  readonly namedOn: number;
}

/**
 * A person who holds nothing has had everything split off them or taken back by an undone split:
 * there is nobody to merge, nothing a restore gives any panel back, and nothing to sort at an
 * unmerge. A MARAC case naming them as perpetrator counts, as a merge or a restore moves that
 * naming with their id. One answer for every question asked about such a person (the review queue
 * and a confirmation, a restore's panel check, an unmerge's sorting and undoing a split), where
 * each used to count for itself and only the panel check counted a naming.
 */
export const holdsNothing = (held: Holdings): boolean =>
  // Asked in this order, each only when the one before is none: the review queue asks it of
  // everyone in it, and its index looks up cases and namings only when asked (getters).
  held.records === 0 && held.cases === 0 && held.namedOn === 0;
