import { BlockingIndex, type BlockingIndexOptions } from './blocking/blocking-index';
import { DEFAULT_BLOCKING_RULES, type BlockingRule } from './blocking/blocking-rules';
import { describeLevels, newComparisonVector } from './comparisons/comparison-levels';
import { compareWithRecord } from './comparisons/compare-records';
import { IncomingNames } from './comparisons/incoming-names';
import { assessPerson, type PersonAssessment } from './cluster-assessment';
import { StrongestCandidates } from './strongest-candidates';
import type { MatchResult, PersonCandidate } from './match-result';
import { compileModel, matchProbability, type CompiledModel } from './model/compiled-model';
import { DEFAULT_MATCHING_MODEL } from './model/default-matching-model';
import type { MatchingModel } from './model/matching-model';
import { NameFrequencies } from './model/name-frequencies';
import type { PersonRecord } from './person-record';
import { prepareRecord, type PreparedRecord } from './prepared-record';

export interface PersonMatcherOptions extends BlockingIndexOptions {
  readonly blockingRules?: readonly BlockingRule[];
  /** How many candidate persons a result lists (review queues show a short list). */
  readonly maxCandidates?: number;
}

/** What one match compares (see {@link PersonMatcher.reach}). */
export interface MatchReach {
  readonly candidates: number;
  readonly people: number;
  readonly compared: number;
  readonly blocksLeftOut: number;
}

/**
 * Matches incoming person records (referrals, uploads) against the people already known.
 * Holds records and their person assignment in memory; an identity projection feeds it with
 * `add`/`remove`/`reassign` as referrals, merges and splits are recorded, and asks `match`
 * before deciding. It never assigns ids itself: the caller records the decision.
 */
export class PersonMatcher {
  private readonly compiled: CompiledModel;
  private readonly index: BlockingIndex;
  private readonly personByRecord = new Map<string, string>();
  private readonly recordsByPerson = new Map<string, Set<PreparedRecord>>();
  private readonly maxCandidates: number;
  private readonly scratch = newComparisonVector();
  private readonly frequencies: NameFrequencies | undefined;

  constructor(model: MatchingModel = DEFAULT_MATCHING_MODEL, options: PersonMatcherOptions = {}) {
    this.compiled = compileModel(model);
    this.index = new BlockingIndex(options.blockingRules ?? DEFAULT_BLOCKING_RULES, options);
    this.maxCandidates = options.maxCandidates ?? 10;
    this.frequencies = model.adjustForNameFrequency === true ? new NameFrequencies(model) : undefined;
  }

  get model(): MatchingModel {
    return this.compiled.model;
  }

  /** Number of records indexed. */
  get size(): number {
    return this.index.size;
  }

  get personCount(): number {
    return this.recordsByPerson.size;
  }

  /** Indexes a record as belonging to `personId` (replacing any earlier version of the record). */
  add(record: PersonRecord, personId: string): void {
    this.remove(record.recordId);
    const prepared = prepareRecord(record);
    this.index.add(prepared);
    this.frequencies?.add(prepared);
    this.personByRecord.set(prepared.recordId, personId);
    const records = this.recordsByPerson.get(personId);
    if (records === undefined) this.recordsByPerson.set(personId, new Set([prepared]));
    else records.add(prepared);
  }

  remove(recordId: string): boolean {
    const prepared = this.index.get(recordId);
    const personId = this.personByRecord.get(recordId);
    if (prepared === undefined || personId === undefined) return false;
    this.index.remove(recordId);
    this.frequencies?.remove(prepared);
    this.personByRecord.delete(recordId);
    const records = this.recordsByPerson.get(personId);
    records?.delete(prepared);
    if (records?.size === 0) this.recordsByPerson.delete(personId);
    return true;
  }

  /** Moves a record to another person (a merge or a split decided by a reviewer). */
  reassign(recordId: string, personId: string): boolean {
    const prepared = this.index.get(recordId);
    const current = this.personByRecord.get(recordId);
    if (prepared === undefined || current === undefined) return false;
    if (current === personId) return true;
    const from = this.recordsByPerson.get(current);
    from?.delete(prepared);
    if (from?.size === 0) this.recordsByPerson.delete(current);
    this.personByRecord.set(recordId, personId);
    const to = this.recordsByPerson.get(personId);
    if (to === undefined) this.recordsByPerson.set(personId, new Set([prepared]));
    else to.add(prepared);
    return true;
  }

  personOf(recordId: string): string | undefined {
    return this.personByRecord.get(recordId);
  }

  recordIdsOf(personId: string): string[] {
    return [...(this.recordsByPerson.get(personId) ?? [])].map((record) => record.recordId);
  }

  /**
   * Whether two people's records carry different valid values of one identifier kind and share
   * none of them: two people, whom no reviewer may merge.
   */
  identifiersConflict(a: string, b: string): boolean {
    const ofA = identifierValues(this.recordsByPerson.get(a));
    const ofB = identifierValues(this.recordsByPerson.get(b));
    for (const [kind, values] of ofA) {
      const others = ofB.get(kind);
      if (others !== undefined && ![...values].some((value) => others.has(value))) return true;
    }
    return false;
  }

  /**
   * What a match of `record` would compare, without scoring: the candidate records the blocking
   * finds, the people they belong to, every record of those people (each is scored) and the
   * blocks the candidate budget left out. For benchmarks and diagnostics.
   */
  reach(record: PersonRecord): MatchReach {
    const lookup = this.index.lookUp(prepareRecord(record));
    const people = this.peopleOf(lookup.records);
    let compared = 0;
    for (const personId of people) compared += this.recordsByPerson.get(personId)?.size ?? 0;
    return { candidates: lookup.records.length, people: people.size, compared, blocksLeftOut: lookup.blocksLeftOut };
  }

  private peopleOf(records: readonly PreparedRecord[]): Set<string> {
    const people = new Set<string>();
    for (const candidate of records) {
      const personId = this.personByRecord.get(candidate.recordId);
      if (personId !== undefined) people.add(personId);
    }
    return people;
  }

  /**
   * Decides what an incoming record is: a known person (`link`), possibly a known person
   * (`review`, with the person to review against) or someone new. Does not index the record.
   */
  match(record: PersonRecord): MatchResult {
    const prepared = prepareRecord(record);
    const lookup = this.index.lookUp(prepared);
    const persons = this.peopleOf(lookup.records);
    // The best decides even when a result lists no candidate.
    const strongest = new StrongestCandidates(Math.max(1, this.maxCandidates));
    const incoming = new IncomingNames(prepared);
    const alreadyIndexed = this.index.get(prepared.recordId) !== undefined;
    for (const personId of persons) {
      const records = this.recordsByPerson.get(personId);
      if (records === undefined) continue;
      const others = alreadyIndexed ? withoutSelf(records, prepared.recordId) : records;
      if (others.size > 0)
        strongest.offer(assessPerson(incoming, personId, others, this.compiled, this.scratch, this.frequencies));
    }
    const listed = strongest.list
      .slice(0, this.maxCandidates)
      .map((candidate) => this.toCandidate(incoming, candidate));
    const best = strongest.list[0];
    const leftOut = lookup.blocksLeftOut === 0 ? {} : { blocksLeftOut: lookup.blocksLeftOut };
    if (best === undefined || best.outcome === 'below-threshold')
      return { decision: 'new', candidates: listed, ...leftOut };
    return { decision: best.outcome, personId: best.personId, candidates: listed, ...leftOut };
  }

  /** A listed candidate in full: the levels of its best pair (compared again), its probability. */
  private toCandidate(incoming: IncomingNames, assessment: PersonAssessment): PersonCandidate {
    const { personId, score, bestRecordScore, bestRecord, identifierAgreement, guards, outcome } = assessment;
    const levels = newComparisonVector();
    if (bestRecord !== undefined) compareWithRecord(incoming, bestRecord, levels);
    return {
      personId,
      score,
      bestRecordScore,
      matchProbability: matchProbability(score),
      recordId: bestRecord?.recordId ?? '',
      identifierAgreement,
      guards: [...guards],
      outcome,
      levels: describeLevels(levels),
    };
  }
}

function identifierValues(records: ReadonlySet<PreparedRecord> | undefined): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const record of records ?? []) {
    for (const { kind, value } of record.identifiers) values.set(kind, (values.get(kind) ?? new Set()).add(value));
  }
  return values;
}

/** When an indexed record is matched again (e.g. after an edit), it must not match itself. */
function withoutSelf(records: Set<PreparedRecord>, recordId: string): ReadonlySet<PreparedRecord> {
  for (const record of records) {
    if (record.recordId === recordId) return new Set([...records].filter((r) => r.recordId !== recordId));
  }
  return records;
}
