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
 * Walks sealed entries against the log, both in global order, one step at a time, so any size
 * of log is checked in bounded memory. Each seal is checked against the hash of the previous
 * *stored* seal: the first break names the entry that was touched, not everything after it.
 */
export class ChainWalk {
  private previousHash = GENESIS_HASH;
  private checkedCount = 0;
  private broken: ChainBreak | undefined;

  constructor(private readonly anchors: ReadonlyMap<bigint, string> = new Map()) {}

  get checked(): number {
    return this.checkedCount;
  }

  get firstBroken(): ChainBreak | undefined {
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
    return 'both';
  }

  private fail(seal: Seal, reason: BreakReason, detail: string): void {
    this.broken = { position: seal.position.toString(), eventId: seal.eventId, stream: seal.stream, reason, detail };
  }
}
