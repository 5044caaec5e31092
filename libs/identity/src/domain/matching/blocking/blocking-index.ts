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
}

const DEFAULT_MAX_BLOCK_SIZE = 400;

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

  constructor(
    readonly rules: readonly BlockingRule[] = DEFAULT_BLOCKING_RULES,
    options: BlockingIndexOptions = {},
  ) {
    this.maxBlockSize = options.maxBlockSize ?? DEFAULT_MAX_BLOCK_SIZE;
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

  /** Indexed records sharing at least one key with `record` (never the record itself). */
  candidates(record: PreparedRecord): PreparedRecord[] {
    const found = new Set<PreparedRecord>();
    for (const key of blockingKeys(record, this.rules)) {
      const block = this.blocks.get(key);
      if (block === undefined || block.length > this.maxBlockSize) continue;
      for (const candidate of block) if (candidate.recordId !== record.recordId) found.add(candidate);
    }
    return [...found];
  }

  /** Sizes of all blocks, for diagnostics and tests. */
  blockSizes(): number[] {
    return [...this.blocks.values()].map((block) => block.length);
  }
}
