import type { PersonDetails } from '../../../../case-lifecycle/src/domain/events/person-events';
import { PersonMatcher, type MatchingModel, type PersonCandidate } from '../matching';
import { shareAnIdentifier } from './identifier-conflict';
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

/** The records each side holds without those linked while merged: the restored person's from before the merge. */
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

/**
 * Whose each record linked while merged is, once the restore has made the two people again: an
 * equal valid identifier held by one side only decides; otherwise the matcher scores it against
 * each side's records as they will be (with those an identifier placed) and it goes to the side it
 * clearly scores higher with (`clearWinner`). Undecided otherwise: a reviewer must say.
 */
export function sortByIdentity(linked: readonly LinkedWhileMerged[], sides: Sides, model: MatchingModel): Sorting[] {
  const identifiersOf = (records: readonly HeldRecord[]) => records.map((r) => r.details.identifiers);
  const [ofRestored, ofStaying] = [identifiersOf(sides.restored), identifiersOf(sides.staying)];
  const byIdentifier = linked.map((record): Sorting => {
    const own = [record.details.identifiers];
    const back = shareAnIdentifier(own, ofRestored);
    if (back === shareAnIdentifier(own, ofStaying)) return place(record);
    return place(record, back, 'identifier');
  });
  const matcher = new PersonMatcher(model);
  for (const record of sides.restored) matcher.add(toPersonRecord(record.recordId, record.details), RESTORED);
  for (const record of sides.staying) matcher.add(toPersonRecord(record.recordId, record.details), STAYING);
  for (const [i, sorting] of byIdentifier.entries()) {
    const record = linked[i] as LinkedWhileMerged;
    if (sorting.goesBack !== undefined)
      matcher.add(toPersonRecord(record.recordId, record.details), sorting.goesBack ? RESTORED : STAYING);
  }
  return byIdentifier.map((sorting, i) => {
    if (sorting.goesBack !== undefined) return sorting;
    const record = linked[i] as LinkedWhileMerged;
    const { candidates } = matcher.match(toPersonRecord(record.recordId, record.details));
    const of = (side: string) => candidates.find((c) => c.personId === side);
    const goesBack = clearWinner(of(RESTORED), of(STAYING), model.linkThreshold);
    return goesBack === undefined ? sorting : place(record, goesBack, 'score');
  });
}

function place({ recordId, caseId }: LinkedWhileMerged, goesBack?: boolean, by?: SortedBy): Sorting {
  return {
    recordId,
    ...(caseId === undefined ? {} : { caseId }),
    ...(goesBack === undefined ? {} : { goesBack, by }),
  };
}
