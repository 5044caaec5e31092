import type { MergePointer } from './linked-while-merged';

/**
 * Someone another review merged into the person while the restored person was one with them: the
 * ids that joined then (that person and everyone merged into them before), as one. `personId` is
 * the id standing for them when they joined. `holdsAll` when the person was merged into them
 * rather than they into the person: everything is held under one of their ids now.
 */
export interface MergedWhileOne {
  readonly personId: string;
  readonly memberIds: readonly string[];
  readonly holdsAll: boolean;
  /** For `holdsAll`: the id the rest was held under when it was merged into them. */
  readonly mergedUnder?: string;
}

/** Who stood for whom as the confirmations were replayed in log order. */
class Joined {
  private readonly rootOf = new Map<string, string>();
  private readonly members = new Map<string, string[]>();

  find(id: string): string {
    let root = id;
    while (this.rootOf.has(root)) root = this.rootOf.get(root) as string;
    return root;
  }

  membersOf(root: string): string[] {
    return this.members.get(root) ?? [root];
  }

  /** `from`'s ids join `into`'s: `into` stands for all of them. */
  union(from: string, into: string): void {
    this.members.set(into, [...this.membersOf(into), ...this.membersOf(from)]);
    this.members.delete(from);
    this.rootOf.set(from, into);
  }
}

const inLogOrder = (a: MergePointer, b: MergePointer): number =>
  (a.confirmedAt ?? -Infinity) - (b.confirmedAt ?? -Infinity);

/**
 * The people merged into the person by reviews confirmed after the one that merged `restored` in,
 * each merging them with the people `restored` was one with by then: replaying the merge pointers
 * in the order their confirmations were recorded, each that joins the group holding `restored`
 * brings in someone (with everyone merged into them before). A restore gave them to the survivor
 * whoever they are, so it sorts them as it sorts the records linked while merged. A pointer whose
 * confirmation cannot be told counts as older than any other; when the restored person's own
 * cannot be told, none can be said to have joined after it.
 */
export function mergedWhileOneWith(restored: string, pointers: readonly MergePointer[]): MergedWhileOne[] {
  const parentOf = new Map(pointers.map((pointer) => [pointer.personId, pointer.mergedInto]));
  const own = pointers.find((pointer) => pointer.personId === restored);
  if (own?.confirmedAt === undefined) return [];
  // The restored person's own people go back with them: they are never in question here.
  const withRestored = (id: string): boolean => {
    for (let at: string | undefined = id, hops = 0; at !== undefined && hops < 1000; hops++) {
      if (at === restored) return true;
      at = parentOf.get(at);
    }
    return false;
  };
  const joined = new Joined();
  const found: MergedWhileOne[] = [];
  let group: string | undefined;
  for (const pointer of [...pointers].sort(inLogOrder)) {
    if (pointer === own) group = joined.find(own.mergedInto);
    if (withRestored(pointer.personId)) continue;
    const [from, into] = [joined.find(pointer.personId), joined.find(pointer.mergedInto)];
    if (from === into) continue;
    if (group !== undefined && (from === group || into === group)) {
      const other = from === group ? into : from;
      found.push({
        personId: other,
        memberIds: joined.membersOf(other),
        holdsAll: from === group,
        ...(from === group ? { mergedUnder: pointer.personId } : {}),
      });
    }
    joined.union(from, into);
    if (group !== undefined) group = joined.find(group);
  }
  return found;
}
