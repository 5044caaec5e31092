import type { PersonIdentifiers } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { IdentifierKind } from '../identifiers';
import { sharedIdentifierKinds } from './identifier-conflict';
import { groupedByIdentifier } from './identifier-groups';

/** One record of the person a split parts, and the side the split puts it on. */
export interface RecordOnSide {
  readonly recordId: string;
  readonly identifiers: PersonIdentifiers;
  readonly moves: boolean;
  /**
   * On its side whatever the reviewer names: a restored person's own records go back, and the
   * records the survivor held before the merge (those not named) stay.
   */
  readonly fixed?: boolean;
}

/** Records that carry one valid identifier value, which the split would put on both sides. */
export interface PartedGroup {
  /** The kinds of the values on both sides (never the values: they are personal data). */
  readonly kinds: readonly IdentifierKind[];
  readonly moving: readonly string[];
  readonly staying: readonly string[];
}

/**
 * The groups of records carrying one valid identifier value (transitively, as `groupedByIdentifier`)
 * that the split would part. One PNC ID (or NHS number ...) is one person's: left on two people,
 * the matcher links their next referral to neither, and each person's record shows a number that
 * is not theirs. A group the split parts whatever the reviewer names is left out: its value was on
 * both people before the merge being undone (a restored person's own records and the survivor's),
 * or reaches both through a record carrying a value of each, which only correcting the record
 * could mend; the restore gives back the two people as they were.
 */
export function identifiersParted(records: readonly RecordOnSide[]): PartedGroup[] {
  const groups = groupedByIdentifier(records.map((record) => [record.identifiers]));
  return groups.flatMap((group) => {
    const members = group.map((i) => records[i] as RecordOnSide);
    const moving = members.filter((r) => r.moves);
    const staying = members.filter((r) => !r.moves);
    if (moving.length === 0 || staying.length === 0) return [];
    if (moving.some((r) => r.fixed === true) && staying.some((r) => r.fixed === true)) return [];
    const kinds = sharedIdentifierKinds(
      moving.map((r) => r.identifiers),
      staying.map((r) => r.identifiers),
    );
    return [{ kinds, moving: moving.map((r) => r.recordId), staying: staying.map((r) => r.recordId) }];
  });
}

/** The parted groups a reviewer's statement that values were recorded in error does not answer for. */
export interface PartedDespiteStatement {
  /** Groups parting a value of a kind not stated: still refused. */
  readonly stillParted: readonly PartedGroup[];
  /** Kinds stated in error that the split parts no value of: a statement about nothing it does. */
  readonly notParted: readonly IdentifierKind[];
}

/**
 * No route corrects an identifier on a record, so a value typed in error (his PNC ID typed as
 * hers) would keep a wrongly linked record on the wrong person for good. A reviewer who states
 * that the kinds a group shares across the split were recorded in error lets it part: the
 * statement is recorded with the split. It answers only for groups all of whose shared kinds it
 * names, and only kinds this split parts may be stated, so it never excuses more than it says.
 */
export function partedDespite(
  parted: readonly PartedGroup[],
  statedInError: readonly IdentifierKind[],
): PartedDespiteStatement {
  const stated = new Set(statedInError);
  const partedKinds = new Set(parted.flatMap((group) => group.kinds));
  return {
    stillParted: parted.filter((group) => group.kinds.some((kind) => !stated.has(kind))),
    notParted: [...stated].filter((kind) => !partedKinds.has(kind)),
  };
}
