import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { ChainWalk, chainHash, GENESIS_HASH, type AnchorLost, type ChainBreak, type Seal } from '../domain/chain';
import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { LogConsistency, MAX_LISTED, type LogProblem } from '../domain/log-consistency';
import { TrailConsistency, type StoredPage, type TrailProblem } from '../domain/trail-consistency';
import { checkSealedLog } from './chain-log-check';
import type { ChainStore } from './chain-store';
import { derivedTrail } from '../projections/trail-derived';
import type { TrailRows } from './trail-rows';

const PAGE = 1000;
const NOTHING_STORED: StoredPage = { rows: [], cases: new Map(), streams: new Map() };
/** How long the API waits for the service's sealer to reach the head before walking. */
const SEALER_WAIT_MS = 2000;
const SEALER_POLL_MS = 20;

export interface Sealed {
  readonly sealed: number;
  readonly sealedAtStart: readonly bigint[];
}

export interface UnsealedEvent {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly type: string;
}

export interface VerifyReport {
  /** Nothing sealed changed, the log is consistent and the trail matches the seals. */
  readonly ok: boolean;
  /** Sealed entries checked against the log. */
  readonly checked: number;
  /** The newest sealed entry: keep `hash` outside the system to detect a wholesale rewrite later. */
  readonly head?: { readonly position: string; readonly eventId: string; readonly hash: string };
  /**
   * The first entry edited, deleted or inserted; or an anchor (passed in, or recorded by an earlier
   * run) the chain no longer reaches (`anchor-beyond-head`: the log's tail was cut), naming no event.
   */
  readonly firstBroken?: ChainBreak | AnchorLost | ChainMissing;
  /**
   * Events the service sealed although they were recorded before it started: appended while no
   * service ran (a row written into the log file directly, say) or left unsealed at the last stop.
   * The chain vouches only that they have not changed since; read them (`positions`, oldest first,
   * up to MAX_LISTED).
   */
  readonly sealedAtStart: { readonly count: number; readonly positions: readonly string[] };
  /**
   * Events after the newest seal: checked for consistency (revisions, positions), not vouched
   * for by the chain. The running service seals them; verification never does.
   */
  readonly unsealed: { readonly count: number; readonly events: readonly UnsealedEvent[] };
  /** Revision or position holes anywhere in the log (listed up to MAX_LISTED; `count` is all). */
  readonly inconsistencies: { readonly count: number; readonly items: readonly LogProblem[] };
  /** The trail read model against the seals, when it was available to check. */
  readonly trail?: {
    readonly checked: number;
    readonly processedUpTo: string;
    readonly count: number;
    readonly problems: readonly TrailProblem[];
  };
}

/**
 * The log holds events but the chain holds no seal: the running service seals within moments of
 * every append (and a starting one seals what it finds), so its chain was removed or emptied — or
 * no service ever ran on this log, which a check cannot tell apart and so does not vouch for
 * either. Names the log's first event; every event is listed under `unsealed`.
 */
export interface ChainMissing {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly reason: 'chain-missing';
  readonly detail: string;
}

export interface VerifyOptions {
  /** Head hashes kept outside the system (position → hash). */
  readonly externalAnchors?: ReadonlyMap<bigint, string>;
  /** The trail read model to compare with the seals. */
  readonly trail?: TrailRows;
  /** Told the sealed entries checked so far after each page, so a job can show how far it is. */
  readonly onPage?: (checked: number) => Promise<void>;
  /** A job's cancellation or shutdown: the walk stops between pages. */
  readonly signal?: AbortSignal;
}

/**
 * Seals the global log into the hash chain and verifies it. The API and worker seal as events
 * arrive; verification (on request, and by `npm run audit:verify`) only reads: an event that
 * reached the log while the service was down is reported as unsealed, never sealed by the check.
 */
export class AuditChain {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly consecutivePositions: boolean;

  constructor(
    private readonly store: EventStore,
    private readonly chain: ChainStore,
  ) {
    // SQLite positions are rowids written head + 1 under the write lock; EventStoreDB's are offsets.
    this.consecutivePositions = store instanceof SqliteEventStore;
  }

  /** The newest seal, as `npm run audit:verify -- --anchor` takes it back. */
  head(): Seal | undefined {
    return this.chain.head();
  }

  /**
   * Seals every event appended since the last seal; returns how many were sealed, and which of
   * them were noted as sealed at start. With
   * `serviceStartedAt`, an event recorded before that instant (or at no readable or a future
   * instant) is sealed too but noted as sealed at start: it reached the log while no service
   * sealed, so the chain vouches only that it has not changed since, not that it was appended by
   * the service.
   */
  sealPending(serviceStartedAt?: Date): Promise<Sealed> {
    return this.serialised(() => this.sealAll(serviceStartedAt));
  }

  /**
   * Waits (briefly) until the service's sealer has sealed up to `position`, so that a check on
   * request covers what was appended before it. Returns whether it got there.
   */
  async sealedThrough(position: bigint, timeoutMs = SEALER_WAIT_MS): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((this.chain.head()?.position ?? -1n) >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, SEALER_POLL_MS));
    }
  }

  /**
   * Walks every seal against the log, then the events after the last seal, without sealing. The
   * anchors recorded by earlier successful runs are checked too.
   */
  verify(anchoredAt: string, options: VerifyOptions = {}): Promise<VerifyReport> {
    return this.serialised(async () => {
      const anchors = new Map([...this.chain.anchors(), ...(options.externalAnchors ?? [])]);
      const report = await this.walk(anchors, options);
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

  private async sealAll(serviceStartedAt: Date | undefined): Promise<Sealed> {
    await checkSealedLog(this.store, this.chain);
    let sealed = 0;
    const sealedAtStart: bigint[] = [];
    for (;;) {
      const head = this.chain.head();
      const page = await this.store.readAll({
        ...(head === undefined ? {} : { fromPosition: head.position }),
        maxCount: PAGE,
      });
      if (page.length === 0) return { sealed, sealedAtStart };
      let previous = head?.hash ?? GENESIS_HASH;
      const seals: Seal[] = page.map((event) => {
        previous = chainHash(previous, event);
        return { position: event.position, eventId: event.id, stream: event.stream, hash: previous };
      });
      const atStart = { positions: recordedBefore(page, serviceStartedAt), sealedAt: new Date().toISOString() };
      // Another process sealing the same file got there first: re-read its head and go on from it.
      if (this.chain.extend(head?.position, seals, atStart)) {
        sealed += seals.length;
        sealedAtStart.push(...atStart.positions);
      }
      if (page.length < PAGE) return { sealed, sealedAtStart };
    }
  }

  private async walk(
    anchors: ReadonlyMap<bigint, string>,
    { trail: trailRows, onPage, signal }: VerifyOptions,
  ): Promise<VerifyReport> {
    const walk = new ChainWalk(anchors);
    const log = new LogConsistency(this.consecutivePositions);
    const events = new EventCursor(this.store, log);
    const processed = trailRows?.processedUpTo();
    const trail = processed === undefined ? undefined : new TrailConsistency(processed);
    let after = -1n;
    let last: Seal | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const seals = this.chain.page(after, PAGE);
      // The page's events, each checked against its seal: what the trail's rows are derived from.
      const sealed: RecordedEvent[] = [];
      for (const seal of seals) {
        const event = await events.peek();
        const outcome = walk.step(seal, event);
        if (outcome === 'both') events.consume();
        if (walk.firstBroken !== undefined) break;
        if (trail !== undefined && event !== undefined) sealed.push(event);
        last = seal;
      }
      const tail = seals[seals.length - 1];
      if (walk.firstBroken !== undefined || tail === undefined) break;
      if (trail !== undefined && trailRows !== undefined) {
        const upTo = tail.position < trail.processedUpTo ? tail.position : trail.processedUpTo;
        const derived = derivedTrail(sealed, trailRows.streamSubjectsBefore);
        const rows = [...derived.values()];
        const referred = new Set(rows.flatMap((row) => row.referral?.caseId ?? []));
        const streams = new Set(rows.flatMap((row) => row.streamSubjects?.map((kept) => kept.stream) ?? []));
        const stored = upTo > after ? trailRows.between(after, upTo, referred, streams) : NOTHING_STORED;
        trail.compare(seals, stored, derived);
      }
      await onPage?.(walk.checked);
      if (seals.length < PAGE) break;
      after = tail.position;
    }
    trail?.finish();
    const first = last === undefined && walk.firstBroken === undefined ? await events.peek() : undefined;
    const missing = first === undefined ? undefined : chainMissing(first);
    const unsealed = walk.firstBroken === undefined ? await this.rest(events) : { count: 0, events: [] };
    if (missing === undefined) walk.finish();
    // Read last: a log that only grew since the checkpoint was read has a head at or past it.
    trail?.logEndsAt(await this.store.headPosition());
    const broken = walk.firstBroken ?? missing;
    const ok = broken === undefined && log.problemCount === 0 && (trail?.problemCount ?? 0) === 0;
    const atStart = this.chain.sealedAtStart(MAX_LISTED);
    return {
      ok,
      checked: walk.checked,
      sealedAtStart: { count: atStart.count, positions: atStart.positions.map(String) },
      ...(broken === undefined && last !== undefined
        ? { head: { position: last.position.toString(), eventId: last.eventId, hash: last.hash } }
        : {}),
      ...(broken === undefined ? {} : { firstBroken: broken }),
      unsealed,
      inconsistencies: { count: log.problemCount, items: log.problems },
      ...(trail === undefined
        ? {}
        : {
            trail: {
              checked: trail.checked,
              processedUpTo: trail.processedUpTo.toString(),
              count: trail.problemCount,
              problems: trail.problems,
            },
          }),
    };
  }

  /** The events after the last seal, each still checked for consistency as it passes. */
  private async rest(events: EventCursor): Promise<VerifyReport['unsealed']> {
    const listed: UnsealedEvent[] = [];
    let count = 0;
    for (let event = await events.peek(); event !== undefined; event = await events.peek()) {
      events.consume();
      count++;
      if (listed.length < MAX_LISTED)
        listed.push({ position: event.position.toString(), eventId: event.id, stream: event.stream, type: event.type });
    }
    return { count, events: listed };
  }
}

function chainMissing(first: RecordedEvent): ChainMissing {
  return {
    position: first.position.toString(),
    eventId: first.id,
    stream: first.stream,
    reason: 'chain-missing',
    detail:
      'the log holds events but the audit chain holds no seal: it was removed or emptied, or no service ever sealed this log',
  };
}

/** A clock may be off by this much between processes: later than now by more is no real recording time. */
const CLOCK_SKEW_MS = 60_000;

function recordedBefore(events: readonly RecordedEvent[], startedAt: Date | undefined): bigint[] {
  if (startedAt === undefined) return [];
  const latest = Date.now() + CLOCK_SKEW_MS;
  return events
    .filter((event) => {
      const at = Date.parse(String(event.metadata.recordedAt));
      return !(at >= startedAt.getTime() && at <= latest);
    })
    .map((event) => event.position);
}

/** The log read forwards in pages, one event at a time. */
class EventCursor {
  private buffer: RecordedEvent[] = [];
  private index = 0;
  private lastPosition: bigint | undefined;
  private exhausted = false;

  constructor(
    private readonly store: EventStore,
    private readonly log: LogConsistency,
  ) {}

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
    const event = this.buffer[this.index];
    if (event !== undefined) this.log.see(event);
    this.index++;
  }
}
