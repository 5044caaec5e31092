/** One merge pointer among the people merged into the person a restore splits. */
export interface MergePointer {
  readonly personId: string;
  readonly mergedInto: string;
  /** Log position of the confirmation that set the pointer; undefined when it cannot be told. */
  readonly confirmedAt: number | undefined;
}

/**
 * A record the person holds, when it was linked, and the id it is held under: the person the link
 * named, or the one a split moved it to since (a record a split moved onto someone later merged
 * in came with them, and one an earlier restore sorted came to the person it went to).
 */
export interface RecordLink {
  readonly recordId: string;
  readonly heldBy: string;
  readonly position: number;
}

/** A corrupt cycle of pointers must not hang a restore. */
const MAX_HOPS = 1000;

function upFrom(personId: string, parentOf: ReadonlyMap<string, MergePointer>): string[] {
  const chain = [personId];
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const next = parentOf.get(chain[chain.length - 1] as string)?.mergedInto;
    if (next === undefined || chain.includes(next)) break;
    chain.push(next);
  }
  return chain;
}

/**
 * The records linked to the person `restored` was one with, while they were one: a link names
 * the person as they were then, so a record held by someone merged with `restored` by
 * confirmations all recorded before the link (every pointer on the way between the two, as the
 * pointers stand now) reached them through that merge. Records linked to `restored` or anyone
 * merged into them are theirs already (the restore gives them back), and a record linked before
 * any of those confirmations came with a person in their own right.
 */
export function linkedWhileOneWith(
  restored: string,
  links: readonly RecordLink[],
  pointers: readonly MergePointer[],
): RecordLink[] {
  const parentOf = new Map(pointers.map((pointer) => [pointer.personId, pointer]));
  const restoredUp = upFrom(restored, parentOf);
  const oneWhenLinked = ({ heldBy, position }: RecordLink): boolean => {
    const linkedUp = upFrom(heldBy, parentOf);
    const meeting = linkedUp.find((id) => restoredUp.includes(id));
    if (meeting === undefined || meeting === restored) return false;
    const between = [
      ...linkedUp.slice(0, linkedUp.indexOf(meeting)),
      ...restoredUp.slice(0, restoredUp.indexOf(meeting)),
    ];
    return between.every((id) => {
      const confirmedAt = parentOf.get(id)?.confirmedAt;
      return confirmedAt !== undefined && confirmedAt < position;
    });
  };
  return links.filter(oneWhenLinked);
}
