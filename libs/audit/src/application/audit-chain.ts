import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { ChainWalk, chainHash, GENESIS_HASH, type ChainBreak, type Seal } from '../domain/chain';
import type { ChainStore } from './chain-store';

const PAGE = 1000;

export interface VerifyReport {
  readonly ok: boolean;
  /** Sealed entries checked against the log. */
  readonly checked: number;
  /** The newest sealed entry: keep `hash` outside the system to detect a wholesale rewrite later. */
  readonly head?: { readonly position: string; readonly eventId: string; readonly hash: string };
  readonly firstBroken?: ChainBreak;
}

/**
 * Seals the global log into the hash chain and verifies it. Used by the API and worker (sealing
 * as events arrive, verifying on request) and by `npm run audit:verify`.
 */
export class AuditChain {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly chain: ChainStore,
  ) {}

  /** The newest seal, as `npm run audit:verify -- --anchor` takes it back. */
  head(): Seal | undefined {
    return this.chain.head();
  }

  /** Seals every event appended since the last seal; returns how many were sealed. */
  sealPending(): Promise<number> {
    return this.serialised(() => this.sealAll());
  }

  /**
   * Seals what is pending, then walks every seal against the log. `externalAnchors` are head
   * hashes kept outside the system (position → hash); the anchors recorded by earlier
   * successful runs are checked too.
   */
  verify(anchoredAt: string, externalAnchors: ReadonlyMap<bigint, string> = new Map()): Promise<VerifyReport> {
    return this.serialised(async () => {
      await this.sealAll();
      const anchors = new Map([...this.chain.anchors(), ...externalAnchors]);
      const report = await this.walk(anchors);
      if (report.ok && report.head !== undefined) {
        const head = this.chain.head();
        if (head !== undefined) this.chain.recordAnchor(anchoredAt, head, report.checked);
      }
      return report;
    });
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sealAll(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const head = this.chain.head();
      const page = await this.store.readAll({
        ...(head === undefined ? {} : { fromPosition: head.position }),
        maxCount: PAGE,
      });
      if (page.length === 0) return sealed;
      let previous = head?.hash ?? GENESIS_HASH;
      const seals: Seal[] = page.map((event) => {
        previous = chainHash(previous, event);
        return { position: event.position, eventId: event.id, stream: event.stream, hash: previous };
      });
      // Another process sealing the same file got there first: re-read its head and go on from it.
      if (this.chain.extend(head?.position, seals)) sealed += seals.length;
      if (page.length < PAGE) return sealed;
    }
  }

  private async walk(anchors: ReadonlyMap<bigint, string>): Promise<VerifyReport> {
    const walk = new ChainWalk(anchors);
    const events = new EventCursor(this.store);
    let after = -1n;
    let last: Seal | undefined;
    for (;;) {
      const seals = this.chain.page(after, PAGE);
      for (const seal of seals) {
        const outcome = walk.step(seal, await events.peek());
        if (outcome === 'both') events.consume();
        if (walk.firstBroken !== undefined) {
          return { ok: false, checked: walk.checked, firstBroken: walk.firstBroken };
        }
        last = seal;
      }
      const tail = seals[seals.length - 1];
      if (tail === undefined || seals.length < PAGE) break;
      after = tail.position;
    }
    return {
      ok: true,
      checked: walk.checked,
      ...(last === undefined
        ? {}
        : { head: { position: last.position.toString(), eventId: last.eventId, hash: last.hash } }),
    };
  }
}

/** The log read forwards in pages, one event at a time. */
class EventCursor {
  private buffer: RecordedEvent[] = [];
  private index = 0;
  private lastPosition: bigint | undefined;
  private exhausted = false;

  constructor(private readonly store: EventStore) {}

  async peek(): Promise<RecordedEvent | undefined> {
    if (this.index >= this.buffer.length && !this.exhausted) {
      this.buffer = await this.store.readAll({
        ...(this.lastPosition === undefined ? {} : { fromPosition: this.lastPosition }),
        maxCount: PAGE,
      });
      this.index = 0;
      this.exhausted = this.buffer.length < PAGE;
      const tail = this.buffer[this.buffer.length - 1];
      if (tail !== undefined) this.lastPosition = tail.position;
    }
    return this.buffer[this.index];
  }

  consume(): void {
    this.index++;
  }
}
