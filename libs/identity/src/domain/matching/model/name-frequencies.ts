import {
  COMPARISON_INDEX,
  FORENAME,
  NAME_ORDER,
  SURNAME,
  type ComparisonVector,
} from '../comparisons/comparison-levels';
import type { PreparedRecord } from '../prepared-record';
import type { MatchingModel } from './matching-model';

/**
 * Pseudo-records that pull a name's observed share towards the model's average (u of `exact`):
 * with few records indexed the counts say little, and an empty index must adjust nothing.
 */
const PRIOR_RECORDS = 1_000;
/** A rare name may add at most this many bits over the average exact agreement. */
const MAX_BOOST_BITS = 2;

/**
 * Term-frequency adjustment (as in Splink): two records agreeing on `Mohammed Khan` is weaker
 * evidence than agreeing on `Oluwadamilare Okonkwo`. The model's `exact` weight uses the average
 * chance that two strangers share a name (u); for a given name that chance is about the name's
 * share of all records, so the exact weight is shifted by log2(u / share). Counts follow the
 * indexed records as they are added and removed (pure in-memory state, no I/O).
 */
export class NameFrequencies {
  private readonly forenames = new Map<string, number>();
  private readonly surnames = new Map<string, number>();
  private forenameTotal = 0;
  private surnameTotal = 0;
  private readonly forenameU: number;
  private readonly surnameU: number;

  constructor(model: MatchingModel) {
    this.forenameU = model.comparisons.forename.exact.u;
    this.surnameU = model.comparisons.surname.exact.u;
  }

  add(record: PreparedRecord): void {
    this.count(record, 1);
  }

  remove(record: PreparedRecord): void {
    this.count(record, -1);
  }

  private count(record: PreparedRecord, by: 1 | -1): void {
    if (record.forenames !== undefined) {
      bump(this.forenames, record.forenames.first, by);
      this.forenameTotal += by;
    }
    if (record.surname !== undefined) {
      bump(this.surnames, record.surname.compact, by);
      this.surnameTotal += by;
    }
  }

  /** Bits to add to a pair's weight for the names it agrees on exactly (as recorded, not swapped). */
  adjustment(record: PreparedRecord, vector: ComparisonVector): number {
    if (vector[COMPARISON_INDEX.nameOrder] !== NAME_ORDER.asRecorded) return 0;
    let bits = 0;
    if (vector[COMPARISON_INDEX.forename] === FORENAME.exact && record.forenames !== undefined) {
      bits += shift(this.forenames.get(record.forenames.first) ?? 0, this.forenameTotal, this.forenameU);
    }
    if (vector[COMPARISON_INDEX.surname] === SURNAME.exact && record.surname !== undefined) {
      bits += shift(this.surnames.get(record.surname.compact) ?? 0, this.surnameTotal, this.surnameU);
    }
    return bits;
  }
}

function bump(counts: Map<string, number>, key: string, by: 1 | -1): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}

function shift(count: number, total: number, averageU: number): number {
  const share = (count + PRIOR_RECORDS * averageU) / (total + PRIOR_RECORDS);
  return Math.min(MAX_BOOST_BITS, Math.log2(averageU / share));
}
