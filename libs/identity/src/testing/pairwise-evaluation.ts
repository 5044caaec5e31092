import type { PersonMatcher } from '../domain/matching/person-matcher';
import type { MatchDecision } from '../domain/matching/match-result';
import type { PersonRecord } from '../domain/matching/person-record';
import { weighKeptApart } from '../domain/matching/people-kept-apart';
import { reviewProposals, type ProposalFacts } from '../domain/matching/review-proposals';

export interface LabelledRecord {
  readonly truthId: string;
  readonly record: PersonRecord;
  readonly distortions?: readonly string[];
}

export interface PairwiseReport {
  readonly records: number;
  readonly truePeople: number;
  readonly predictedPeople: number;
  readonly decisions: Readonly<Record<MatchDecision, number>>;
  /** Same-person pairs in the truth. */
  readonly truePairs: number;
  /** Pairs placed in the same person by automatic links. */
  readonly linkedPairs: number;
  readonly correctlyLinkedPairs: number;
  /** Precision of automatic links: correctly linked pairs / linked pairs. */
  readonly linkPrecision: number;
  /** Recall of automatic links alone. */
  readonly linkRecall: number;
  /** True pairs either linked or whose two persons were proposed to a reviewer. */
  readonly linkOrReviewRecall: number;
  /** Distinct (person, person) review proposals raised: the review queue a panel would face. */
  readonly reviewProposals: number;
  readonly correctReviewProposals: number;
  /** Up to 20 wrongly linked pairs and 20 missed pairs, for error analysis. */
  readonly falseLinks: readonly (readonly [LabelledRecord, LabelledRecord])[];
  readonly missedPairs: readonly (readonly [LabelledRecord, LabelledRecord])[];
  /** The person each record ended in. */
  readonly personOfRecord: ReadonlyMap<string, string>;
}

const pairsOf = (n: number): number => (n * (n - 1)) / 2;
const proposalKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Runs the matcher incrementally, the way referrals arrive: each record is matched against
 * everything before it, then indexed under the linked person or a new one (reviews are left
 * unresolved: the record starts a new person and the proposal is counted). The proposals are
 * exactly those the resolver writes (`reviewProposals`: at most 3 per record, beside a link too);
 * no reviewer decides, so no rejection stands.
 */
export function evaluateIncrementally(matcher: PersonMatcher, records: readonly LabelledRecord[]): PairwiseReport {
  const personOfRecord = new Map<string, string>();
  const proposals = new Set<string>();
  const decisions: Record<MatchDecision, number> = { link: 0, review: 0, new: 0 };
  let nextPerson = 0;
  for (const labelled of records) {
    const result = weighKeptApart(matcher.match(labelled.record), facts(matcher), matcher.model.linkThreshold);
    decisions[result.decision]++;
    const personId = result.decision === 'link' && result.personId !== undefined ? result.personId : `P${++nextPerson}`;
    const linked = result.decision === 'link';
    for (const candidate of reviewProposals(result.candidates, personId, linked, facts(matcher))) {
      proposals.add(proposalKey(personId, candidate.personId));
    }
    matcher.add(labelled.record, personId);
    personOfRecord.set(labelled.record.recordId, personId);
  }
  return report(records, personOfRecord, proposals, decisions);
}

const facts = (matcher: PersonMatcher): ProposalFacts => ({
  identifiersConflict: (a, b) => matcher.identifiersConflict(a, b),
  rejectedBefore: () => false,
});

function report(
  records: readonly LabelledRecord[],
  personOfRecord: ReadonlyMap<string, string>,
  proposals: ReadonlySet<string>,
  decisions: Record<MatchDecision, number>,
): PairwiseReport {
  const byTruth = groupBy(records, (r) => r.truthId);
  const byPerson = groupBy(records, (r) => personOfRecord.get(r.record.recordId) ?? '');
  let truePairs = 0;
  let linkedPairs = 0;
  let correctlyLinkedPairs = 0;
  let reviewedPairs = 0;
  const missedPairs: [LabelledRecord, LabelledRecord][] = [];
  const falseLinks: [LabelledRecord, LabelledRecord][] = [];
  for (const group of byTruth.values()) {
    truePairs += pairsOf(group.length);
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as LabelledRecord;
        const b = group[j] as LabelledRecord;
        const personA = personOfRecord.get(a.record.recordId) ?? '';
        const personB = personOfRecord.get(b.record.recordId) ?? '';
        if (personA === personB) correctlyLinkedPairs++;
        else if (proposals.has(proposalKey(personA, personB))) reviewedPairs++;
        else if (missedPairs.length < 20) missedPairs.push([a, b]);
      }
    }
  }
  for (const group of byPerson.values()) {
    linkedPairs += pairsOf(group.length);
    if (falseLinks.length >= 20) continue;
    for (let i = 0; i < group.length && falseLinks.length < 20; i++) {
      for (let j = i + 1; j < group.length && falseLinks.length < 20; j++) {
        const a = group[i] as LabelledRecord;
        const b = group[j] as LabelledRecord;
        if (a.truthId !== b.truthId) falseLinks.push([a, b]);
      }
    }
  }
  let correctReviewProposals = 0;
  for (const key of proposals) {
    const [personA = '', personB = ''] = key.split('|');
    const truthA = new Set((byPerson.get(personA) ?? []).map((r) => r.truthId));
    if ((byPerson.get(personB) ?? []).some((r) => truthA.has(r.truthId))) correctReviewProposals++;
  }
  return {
    records: records.length,
    truePeople: byTruth.size,
    predictedPeople: byPerson.size,
    decisions,
    truePairs,
    linkedPairs,
    correctlyLinkedPairs,
    linkPrecision: linkedPairs === 0 ? 1 : correctlyLinkedPairs / linkedPairs,
    linkRecall: truePairs === 0 ? 1 : correctlyLinkedPairs / truePairs,
    linkOrReviewRecall: truePairs === 0 ? 1 : (correctlyLinkedPairs + reviewedPairs) / truePairs,
    reviewProposals: proposals.size,
    correctReviewProposals,
    falseLinks,
    missedPairs,
    personOfRecord,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
