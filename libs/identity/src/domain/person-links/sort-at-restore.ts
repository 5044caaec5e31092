import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import type { IdentifierKind } from '../identifiers';
import { PersonMatcher, type MatchingModel, type PersonCandidate } from '../matching';
import { holdsNothing } from './holds-nothing';
import { sharedIdentifierKinds } from './identifier-conflict';
import { groupedByIdentifier } from './identifier-groups';
import type { MergedWhileOne } from './merged-while-one';
import { toPersonRecord } from './to-person-record';

export interface HeldRecord {
  readonly recordId: string;
  readonly details: PersonDetails;
}

/** A record linked to the merged person while the two were one, with the case its referral opened. */
export interface LinkedWhileMerged extends HeldRecord {
  readonly caseId?: string;
}

export type SortedBy = 'identifier' | 'score' | 'reviewer';

/** Where a record linked while merged goes at the restore: back with the restored person, or it stays. */
export interface Sorting {
  readonly recordId: string;
  readonly caseId?: string;
  /** Undefined while nothing has decided it. */
  readonly goesBack?: boolean;
  readonly by?: SortedBy;
  /**
   * Left undecided while it carries a valid identifier value another record or person being sorted
   * carries: they are one person's, but the matcher does not place them all with one of the two.
   */
  readonly sharesAnIdentifier?: true;
  /**
   * Left undecided as it (or one carrying an identifier value with it) carries a valid value the
   * restored person holds and another the survivor holds: the kinds of each. Both say it is theirs.
   */
  readonly identifiersOfBoth?: IdentifiersOfBoth;
}

/** The identifier kinds a record or person being sorted shares with each of the two. */
export interface IdentifiersOfBoth {
  readonly restored: readonly IdentifierKind[];
  readonly staying: readonly IdentifierKind[];
}

export type SortedRecord = Required<Pick<Sorting, 'recordId' | 'goesBack' | 'by'>> & Pick<Sorting, 'caseId'>;

/** Someone merged in by another review while the two were one (merged-while-one.ts), with what they hold. */
export interface PersonMergedWhileOne extends MergedWhileOne {
  readonly records: readonly HeldRecord[];
  readonly caseIds: readonly string[];
  /** MARAC cases naming them as perpetrator (absent: none). */
  readonly namedOnCaseIds?: readonly string[];
}

/** Where someone merged in while the two were one goes at the restore: as `Sorting`, for all they hold. */
export interface PersonSorting extends MergedWhileOne {
  readonly recordIds: readonly string[];
  readonly caseIds: readonly string[];
  readonly goesBack?: boolean;
  /** `holds-nothing`: all they held was split off since, so they stay with the survivor. */
  readonly by?: SortedBy | 'holds-nothing';
  readonly sharesAnIdentifier?: true;
  readonly identifiersOfBoth?: IdentifiersOfBoth;
}

export type SortedPerson = PersonSorting & Required<Pick<PersonSorting, 'goesBack' | 'by'>>;

/** What a restore sorts between the two: records linked while merged, and people merged in meanwhile. */
export interface ToSort {
  readonly records: readonly LinkedWhileMerged[];
  readonly people: readonly PersonMergedWhileOne[];
}

export interface Sortings {
  readonly records: readonly Sorting[];
  readonly people: readonly PersonSorting[];
}

/**
 * The records each side holds without those linked while merged or held by people merged in
 * meanwhile: the restored person's from before the merge, and the survivor's own.
 */
export interface Sides {
  readonly restored: readonly HeldRecord[];
  readonly staying: readonly HeldRecord[];
}

const RESTORED = 'restored';
const STAYING = 'staying';
const RANK = { link: 0, review: 1, 'below-threshold': 2 } as const;
const rank = (candidate: PersonCandidate | undefined): number =>
  candidate === undefined ? 2 : RANK[candidate.outcome];

/**
 * Back (true), staying (false), or neither clearly. The side whose outcome is better (link over
 * review, review over below the review threshold) wins, as the matcher links a new record to the
 * one person it reaches the link threshold with. Two it links to both are told apart only by a
 * margin of the link threshold, as `weighKeptApart` tells apart two people known to be two.
 */
function clearWinner(
  back: PersonCandidate | undefined,
  staying: PersonCandidate | undefined,
  linkThreshold: number,
): boolean | undefined {
  const [b, s] = [rank(back), rank(staying)];
  if (b !== s) return b < s;
  if (b !== 0 || back === undefined || staying === undefined) return undefined;
  const margin = back.score - staying.score;
  if (Math.abs(margin) < linkThreshold) return undefined;
  return margin > 0;
}

type Placed = Pick<Sorting, 'goesBack' | 'by' | 'sharesAnIdentifier' | 'identifiersOfBoth'>;

/**
 * Whose each record linked while merged is, and each person merged in meanwhile (all they hold as
 * one), once the restore has made the two people again. Those that carry one valid identifier value
 * are one person's and go together (`groupedByIdentifier`): a record and a person a reviewer merged
 * in, or two referrals of one PNC ID, are never parted silently, as that leaves the value on both
 * people and the matcher then links its next record to neither. An equal valid identifier held by
 * one side only decides a group; one carrying a value of each side's is the reviewer's, as
 * whichever way a score sent it, the other side's value would end up on both people unasked.
 * Otherwise the matcher scores each record against each side's records as they will be (with those
 * already placed) and a group goes to the side its records clearly score higher with
 * (`clearWinner`): where at least one of its records, or one person of it with every record of
 * theirs, clearly goes there and none clearly goes to the other. The others of the group follow by
 * identifier. Each group placed joins its side before the rest are scored
 * again, until nothing more is placed. Undecided otherwise (the scores disagree, or none is clear):
 * a reviewer must say. Someone merged in who holds nothing now is nothing to sort: they stay.
 */
export function sortByIdentity(toSort: ToSort, sides: Sides, model: MatchingModel): Sortings {
  const bundles = [...toSort.records.map((record) => [record]), ...toSort.people.map((person) => person.records)];
  const groups = groupedByIdentifier(bundles.map(identifiersOf));
  const placed = placedByIdentifier(groups, bundles, sides);
  placeByScore(groups, bundles, sides, placed, model);
  for (const group of groups) {
    const first = placed[group[0] as number];
    if (group.length > 1 && first?.goesBack === undefined && first?.identifiersOfBoth === undefined)
      for (const i of group) placed[i] = { sharesAnIdentifier: true };
  }
  const count = toSort.records.length;
  return {
    records: toSort.records.map(({ recordId, caseId }, i) => ({
      recordId,
      ...(caseId === undefined ? {} : { caseId }),
      ...placed[i],
    })),
    people: toSort.people.map(({ records, namedOnCaseIds = [], ...person }, i) => ({
      ...person,
      recordIds: records.map((r) => r.recordId),
      ...(holdsNothing({ records: records.length, cases: person.caseIds.length, namedOn: namedOnCaseIds.length })
        ? { goesBack: false, by: 'holds-nothing' as const }
        : placed[count + i]),
    })),
  };
}

type Bundles = readonly (readonly HeldRecord[])[];
type Group = readonly number[];

const identifiersOf = (records: readonly HeldRecord[]) => records.map((r) => r.details.identifiers);
const recordsOf = (group: Group, bundles: Bundles) => group.flatMap((i) => bundles[i] ?? []);

/**
 * Each group an equal valid identifier held by one side only places, everyone in it by identifier;
 * one sharing an identifier with each side is left to the reviewer, naming the kinds.
 */
function placedByIdentifier(groups: readonly Group[], bundles: Bundles, sides: Sides): Placed[] {
  const [ofRestored, ofStaying] = [identifiersOf(sides.restored), identifiersOf(sides.staying)];
  const placed: Placed[] = bundles.map(() => ({}));
  for (const group of groups) {
    const own = identifiersOf(recordsOf(group, bundles));
    const [restored, staying] = [sharedIdentifierKinds(own, ofRestored), sharedIdentifierKinds(own, ofStaying)];
    if (restored.length > 0 && staying.length > 0)
      for (const i of group) placed[i] = { identifiersOfBoth: { restored, staying } };
    else if (restored.length > 0 || staying.length > 0)
      for (const i of group) placed[i] = { goesBack: restored.length > 0, by: 'identifier' };
  }
  return placed;
}

/**
 * Places by score, in `placed`, the groups an identifier left: in rounds, each scoring every group
 * left against the sides as the round found them (so the order of the records decides nothing),
 * and each group placed then joining its side, until a round places none.
 */
function placeByScore(
  groups: readonly Group[],
  bundles: Bundles,
  sides: Sides,
  placed: Placed[],
  model: MatchingModel,
) {
  const matcher = new PersonMatcher(model);
  const add = (records: readonly HeldRecord[], goesBack: boolean | undefined) => {
    for (const record of records)
      matcher.add(toPersonRecord(record.recordId, record.details), goesBack ? RESTORED : STAYING);
  };
  const goesBackOf = (group: Group) => placed[group[0] as number]?.goesBack;
  const forTheReviewer = (group: Group) => placed[group[0] as number]?.identifiersOfBoth !== undefined;
  add(sides.restored, true);
  add(sides.staying, false);
  for (const group of groups.filter((g) => goesBackOf(g) !== undefined))
    add(recordsOf(group, bundles), goesBackOf(group));
  const scoredWith = (record: HeldRecord): boolean | undefined => {
    const { candidates } = matcher.match(toPersonRecord(record.recordId, record.details));
    const of = (side: string) => candidates.find((c) => c.personId === side);
    return clearWinner(of(RESTORED), of(STAYING), model.linkThreshold);
  };
  for (;;) {
    const round = groups
      .filter((group) => goesBackOf(group) === undefined && !forTheReviewer(group))
      .flatMap((group) => {
        const verdict = groupVerdict(group.map((i) => (bundles[i] ?? []).map(scoredWith)));
        return verdict === undefined ? [] : [{ group, ...verdict }];
      });
    if (round.length === 0) return;
    for (const { group, goesBack, scored } of round) {
      for (const [at, i] of group.entries()) placed[i] = { goesBack, by: scored.has(at) ? 'score' : 'identifier' };
      add(recordsOf(group, bundles), goesBack);
    }
  }
}

/**
 * Where a group goes by score, given each bundle's records' verdicts: with the bundles that clearly
 * go there (every record of theirs does), when no record of the group clearly goes the other way.
 */
function groupVerdict(
  verdicts: readonly (readonly (boolean | undefined)[])[],
): { goesBack: boolean; scored: Set<number> } | undefined {
  const all = verdicts.flat();
  if (all.includes(true) && all.includes(false)) return undefined;
  const clear = (bundle: readonly (boolean | undefined)[]) =>
    bundle.length > 0 && bundle.every((v) => v !== undefined && v === bundle[0]);
  const scored = new Set([...verdicts.keys()].filter((i) => clear(verdicts[i] as (boolean | undefined)[])));
  const [first] = scored;
  if (first === undefined) return undefined;
  return { goesBack: verdicts[first]?.[0] as boolean, scored };
}
