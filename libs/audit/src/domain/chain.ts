import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';

/** The hash the first sealed event is chained to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Everything the log says about one event, as one canonical text (keys sorted at every depth):
 * a change to any field, or a move to another position, changes the text and so the hash.
 * Formatting-only edits to the stored JSON (whitespace, key order) do not change the meaning and
 * are not flagged.
 */
export function sealedContent(event: RecordedEvent): string {
  return canonical({
    position: event.position.toString(),
    id: event.id,
    stream: event.stream,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  });
}

/** hash(n) = SHA-256(hash(n-1) ‖ content(n)): changing or removing entry n breaks every hash after it. */
export function chainHash(previousHash: string, event: RecordedEvent): string {
  return createHash('sha256').update(previousHash).update('\n').update(sealedContent(event)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Seal {
  readonly position: bigint;
  readonly eventId: string;
  readonly stream: string;
  readonly hash: string;
}

export type BreakReason = 'event-missing' | 'event-altered' | 'event-not-sealed' | 'anchor-mismatch';

export interface ChainBreak {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly reason: BreakReason;
  readonly detail: string;
}

/**
 * A head hash recorded earlier (kept off the machine, or by an earlier run) at a position the chain
 * no longer holds a seal for: the log and its chain were cut back, or a sealed entry was removed
 * and every later hash recomputed. No event is named: the one that stood there is gone.
 */
export interface AnchorLost {
  readonly position: string;
  /** The hash the chain passed through there when it was recorded. */
  readonly hash: string;
  /** `anchor-beyond-head`: past the newest seal (the tail was cut); `anchor-not-sealed`: before it. */
  readonly reason: 'anchor-beyond-head' | 'anchor-not-sealed';
  readonly detail: string;
}

/**
 * Walks sealed entries against the log, both in global order, one step at a time, so any size
 * of log is checked in bounded memory. Each seal is checked against the hash of the previous
 * *stored* seal: the first break names the entry that was touched, not everything after it.
 */
export class ChainWalk {
  private previousHash = GENESIS_HASH;
  private checkedCount = 0;
  private broken: ChainBreak | AnchorLost | undefined;
  /** Anchored positions no seal has reached yet, oldest first. */
  private readonly unreached: bigint[];
  private newestSeal: bigint | undefined;

  constructor(private readonly anchors: ReadonlyMap<bigint, string> = new Map()) {
    this.unreached = [...anchors.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get checked(): number {
    return this.checkedCount;
  }

  get firstBroken(): ChainBreak | AnchorLost | undefined {
    return this.broken;
  }

  /**
   * One seal with the log's event at or before its position (undefined: the log has nothing
   * left). Returns whether the event was consumed; an unconsumed event is offered again with
   * the next seal.
   */
  step(seal: Seal, event: RecordedEvent | undefined): 'both' | 'seal-only' {
    if (this.broken !== undefined) return 'both';
    if (event !== undefined && event.position < seal.position) {
      this.broken = {
        position: event.position.toString(),
        eventId: event.id,
        stream: event.stream,
        reason: 'event-not-sealed',
        detail: 'an event inside the sealed range has no seal (inserted into the log, or its seal was removed)',
      };
      return 'both';
    }
    const skipped = this.passAnchorsBefore(seal.position);
    if (skipped !== undefined) {
      this.loseAnchor(skipped, 'anchor-not-sealed', 'the chain no longer holds the entry a head hash was recorded at');
      return 'seal-only';
    }
    this.checkedCount++;
    if (event === undefined || event.position > seal.position) {
      this.fail(seal, 'event-missing', 'the sealed event is no longer in the log (deleted)');
      return 'seal-only';
    }
    if (event.id !== seal.eventId || chainHash(this.previousHash, event) !== seal.hash) {
      this.fail(seal, 'event-altered', 'the event no longer matches its seal (data, metadata or place changed)');
      return 'both';
    }
    const anchored = this.anchors.get(seal.position);
    if (anchored !== undefined && anchored !== seal.hash) {
      this.fail(seal, 'anchor-mismatch', 'the chain no longer passes through a head hash recorded earlier');
      return 'both';
    }
    this.previousHash = seal.hash;
    this.newestSeal = seal.position;
    return 'both';
  }

  /**
   * After the last seal: an anchor still unreached lies past the newest seal, so the chain no
   * longer reaches a head it reached when the anchor was taken. Cutting the log's tail (events,
   * seals and recorded anchors alike) needs no hash work, and only this catches it.
   */
  finish(): void {
    if (this.broken !== undefined) return;
    const beyond = this.unreached[0];
    if (beyond === undefined) return;
    const newest = this.newestSeal === undefined ? 'there is no seal' : `the newest seal is at ${this.newestSeal}`;
    this.loseAnchor(
      beyond,
      'anchor-beyond-head',
      `the chain no longer reaches a head recorded earlier (${newest}): entries from there on were removed, ` +
        'the log and its chain cut back (or restored from an older backup)',
    );
  }

  /** Drops anchors before `position` and the one at it (checked by `step`); returns the first one skipped. */
  private passAnchorsBefore(position: bigint): bigint | undefined {
    const next = this.unreached[0];
    if (next !== undefined && next < position) return next;
    if (next === position) this.unreached.shift();
    return undefined;
  }

  private loseAnchor(position: bigint, reason: AnchorLost['reason'], detail: string): void {
    this.broken = { position: position.toString(), hash: this.anchors.get(position) ?? '', reason, detail };
  }

  private fail(seal: Seal, reason: BreakReason, detail: string): void {
    this.broken = { position: seal.position.toString(), eventId: seal.eventId, stream: seal.stream, reason, detail };
  }
}
