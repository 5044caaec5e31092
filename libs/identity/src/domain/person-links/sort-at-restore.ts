import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import { PersonMatcher, type MatchingModel, type PersonCandidate } from '../matching';
import { shareAnIdentifier } from './identifier-conflict';
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
}

export type SortedRecord = Required<Pick<Sorting, 'recordId' | 'goesBack' | 'by'>> & Pick<Sorting, 'caseId'>;

/** Someone merged in by another review while the two were one (merged-while-one.ts), with what they hold. */
export interface PersonMergedWhileOne extends MergedWhileOne {
  readonly records: readonly HeldRecord[];
  readonly caseIds: readonly string[];
}

/** Where someone merged in while the two were one goes at the restore: as `Sorting`, for all they hold. */
export interface PersonSorting extends MergedWhileOne {
  readonly recordIds: readonly string[];
  readonly caseIds: readonly string[];
  readonly goesBack?: boolean;
  readonly by?: SortedBy;
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

type Placed = Pick<Sorting, 'goesBack' | 'by'>;

/**
 * Whose each record linked while merged is, and each person merged in meanwhile (all they hold as
 * one), once the restore has made the two people again: an equal valid identifier held by one side
 * only decides; otherwise the matcher scores each record against each side's records as they will
 * be (with those an identifier placed) and it goes to the side it clearly scores higher with
 * (`clearWinner`), a person only where every record of theirs clearly goes the same way.
 * Undecided otherwise: a reviewer must say.
 */
export function sortByIdentity(toSort: ToSort, sides: Sides, model: MatchingModel): Sortings {
  const bundles = [...toSort.records.map((record) => [record]), ...toSort.people.map((person) => person.records)];
  const identifiersOf = (records: readonly HeldRecord[]) => records.map((r) => r.details.identifiers);
  const [ofRestored, ofStaying] = [identifiersOf(sides.restored), identifiersOf(sides.staying)];
  const byIdentifier = bundles.map((records): Placed => {
    const own = identifiersOf(records);
    const back = shareAnIdentifier(own, ofRestored);
    return back === shareAnIdentifier(own, ofStaying) ? {} : { goesBack: back, by: 'identifier' };
  });
  const matcher = new PersonMatcher(model);
  const add = (records: readonly HeldRecord[], side: string) => {
    for (const record of records) matcher.add(toPersonRecord(record.recordId, record.details), side);
  };
  add(sides.restored, RESTORED);
  add(sides.staying, STAYING);
  for (const [i, placed] of byIdentifier.entries())
    if (placed.goesBack !== undefined) add(bundles[i] as HeldRecord[], placed.goesBack ? RESTORED : STAYING);
  const scoredWith = (record: HeldRecord): boolean | undefined => {
    const { candidates } = matcher.match(toPersonRecord(record.recordId, record.details));
    const of = (side: string) => candidates.find((c) => c.personId === side);
    return clearWinner(of(RESTORED), of(STAYING), model.linkThreshold);
  };
  const placed = bundles.map((records, i): Placed => {
    const known = byIdentifier[i] as Placed;
    if (known.goesBack !== undefined) return known;
    const verdicts = new Set(records.map(scoredWith));
    const [goesBack] = [...verdicts];
    return verdicts.size === 1 && goesBack !== undefined ? { goesBack, by: 'score' } : {};
  });
  const count = toSort.records.length;
  return {
    records: toSort.records.map(({ recordId, caseId }, i) => ({
      recordId,
      ...(caseId === undefined ? {} : { caseId }),
      ...placed[i],
    })),
    people: toSort.people.map(({ records, ...person }, i) => ({
      ...person,
      recordIds: records.map((r) => r.recordId),
      ...placed[count + i],
    })),
  };
}
