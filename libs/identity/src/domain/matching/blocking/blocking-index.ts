import type { PreparedRecord } from '../prepared-record';
import { DEFAULT_BLOCKING_RULES, blockingKeys, type BlockingRule } from './blocking-rules';

export interface BlockingIndexOptions {
  /**
   * Blocks larger than this are skipped when looking up candidates (they are still kept up to
   * date). A key shared by thousands of records (a very common name with no date) says little
   * about any one of them, and comparing them all would break the latency budget; the other
   * rules still find the true match in nearly every case.
   */
  readonly maxBlockSize?: number;
  /**
   * Most candidate records one lookup returns (identifier blocks aside, which are always taken).
   * The block cap bounds one block, not the union of a record's blocks: a common name born on
   * 1 January, or a record with many aliases, shares keys with thousands of records, and each is
   * scored synchronously within the referral. The blocks of the record as recorded (its name, date
   * of birth, postcode and address) are served first, smallest first, within this budget, exactly
   * as if it gave no aliases; the blocks only its aliases bring come after, smallest first, within
   * what is left of the smaller budget a record with aliases gets (see {@link budgetFor}). In each
   * round the first block that would take the candidates past the budget is left out, and so is
   * every larger block of that round.
   */
  readonly candidateBudget?: number;
}

const DEFAULT_MAX_BLOCK_SIZE = 400;
const DEFAULT_CANDIDATE_BUDGET = 1500;

/**
 * Each alias is tried against the other record's names, so aliases make every comparison dearer:
 * against 212,000 people, a record with ten aliases cost about twice as much per record compared
 * as one with none (7.6 against 3.2 microseconds), one with twenty about three times (10). The
 * aliases' own blocks get a budget that shrinks in step (to a half with ten, a third with twenty);
 * the recorded name's blocks keep the full one, since aliases must never lose a candidate the
 * record would find without them, so one match compares at most the full budget however many
 * aliases it gives. Those costs were measured before a match remembered the names it had weighed
 * (`IncomingNames`), which made aliases far cheaper per record; the allowance is kept, since a
 * wider one would change which records are compared, and so scores and decisions.
 */
const ALIASES_DOUBLING_THE_COST = 10;

function budgetFor(record: PreparedRecord, budget: number): number {
  const aliases = record.names.length - 1;
  return Math.floor(budget / (1 + aliases / ALIASES_DOUBLING_THE_COST));
}

/** The record without its aliases: rules key aliases only through `names`, the recorded name first. */
function asRecorded(record: PreparedRecord): PreparedRecord {
  return record.names.length < 2 ? record : { ...record, names: record.names.slice(0, 1) };
}

/** The candidates of one lookup, and how many of the record's blocks the budget left out. */
export interface CandidateLookup {
  readonly records: readonly PreparedRecord[];
  readonly blocksLeftOut: number;
}

/**
 * In-memory inverted index from blocking keys to the records holding them. Pure data
 * structure: no I/O, callers add and remove records as referrals, merges and splits happen.
 */
export class BlockingIndex {
  private readonly records = new Map<string, PreparedRecord>();
  private readonly keysByRecord = new Map<string, readonly string[]>();
  /** Arrays rather than Sets: most keys hold one or two records, and arrays are far cheaper to create. */
  private readonly blocks = new Map<string, PreparedRecord[]>();
  private readonly maxBlockSize: number;
  private readonly candidateBudget: number;

  constructor(
    readonly rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
    options: BlockingIndexOptions = {},
  ) {
    this.maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
    this.candidateBudget = options.candidateBudget ?? DEFAULT_CANDIDATE_BUDGET;
  }

  get size(): number {
    return this.records.size;
  }

  get(recordId: string): PreparedRecord | undefined {
    return this.records.get(recordId);
  }

  /** Adds a record, replacing any earlier version with the same recordId. */
  add(record: PreparedRecord): void {
    this.remove(record.recordId);
    const keys = blockingKeys(record, this.rules);
    this.records.set(record.recordId, record);
    this.keysByRecord.set(record.recordId, keys);
    for (const key of keys) {
      const block = this.blocks.get(key);
      if (block === undefined) this.blocks.set(key, [record]);
      else if (block[block.length - 1] !== record) block.push(record);
    }
  }

  remove(recordId: string): boolean {
    const record = this.records.get(recordId);
    if (record === undefined) return false;
    for (const key of this.keysByRecord.get(recordId) ?? []) {
      const block = this.blocks.get(key);
      if (block === undefined) continue;
      const at = block.indexOf(record);
      if (at < 0) continue;
      block[at] = block[block.length - 1] as PreparedRecord;
      block.pop();
      if (block.length === 0) this.blocks.delete(key);
    }
    this.records.delete(recordId);
    this.keysByRecord.delete(recordId);
    return true;
  }

  /** Indexed records sharing at least one key with `record` (never the record itself), within the budget. */
  candidates(record: PreparedRecord): readonly PreparedRecord[] {
    return this.lookUp(record).records;
  }

  /** {@link candidates}, saying how many blocks the candidate budget left out. */
  lookUp(record: PreparedRecord): CandidateLookup {
    const found = new Set<PreparedRecord>();
    const recorded: PreparedRecord[][] = [];
    const aliasesOnly: PreparedRecord[][] = [];
    const withoutAliases = asRecorded(record);
    for (const rule of this.rules) {
      const recordedKeys = rule.keys(withoutAliases);
      const keys = withoutAliases === record ? recordedKeys : rule.keys(record);
      for (const key of keys) {
        const block = this.blocks.get(key);
        if (block === undefined || block.length > this.maxBlockSize) continue;
        if (rule.beyondBudget === true) addAll(found, block, record.recordId);
        else if (keys === recordedKeys || recordedKeys.includes(key)) recorded.push(block);
        else aliasesOnly.push(block);
      }
    }
    const blocksLeftOut =
      takeWithin(found, recorded, this.candidateBudget, record.recordId) +
      takeWithin(found, aliasesOnly, budgetFor(record, this.candidateBudget), record.recordId);
    return { records: [...found], blocksLeftOut };
  }

  /** Sizes of all blocks, for diagnostics and tests. */
  blockSizes(): number[] {
    return [...this.blocks.values()].map((block) => block.length);
  }
}

/**
 * Adds blocks smallest first (the most specific keys: a date of birth, a house, a postcode) until
 * the first that would take `found` past `budget`; returns how many blocks were left out.
 */
function takeWithin(found: Set<PreparedRecord>, blocks: PreparedRecord[][], budget: number, self: string): number {
  blocks.sort((a, b) => a.length - b.length);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as PreparedRecord[];
    if (found.size + newcomers(found, block, self) > budget) return blocks.length - i;
    addAll(found, block, self);
  }
  return 0;
}

function addAll(found: Set<PreparedRecord>, block: readonly PreparedRecord[], self: string): void {
  for (const candidate of block) if (candidate.recordId !== self) found.add(candidate);
}

/** How many of the block's records `found` lacks: blocks overlap (one person's date and name keys). */
function newcomers(found: ReadonlySet<PreparedRecord>, block: readonly PreparedRecord[], self: string): number {
  let count = 0;
  for (const candidate of block) if (candidate.recordId !== self && !found.has(candidate)) count++;
  return count;
}
