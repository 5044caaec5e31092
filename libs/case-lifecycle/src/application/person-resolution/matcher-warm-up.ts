import type { ComponentReadiness, ReadinessComponent } from '../../../../platform/src/health/readiness-components';
import { RetryLaterException } from '../../../../platform/src/http/retry-later';
import type { LogTailProgress } from './log-tail';

/** A resolver whose index is fed from the log, which it must read whole before it can match. */
export interface IndexFedFromLog {
  warmUp(signal?: AbortSignal): Promise<void>;
  indexProgress(): LogTailProgress;
  /** Settles once the index has first read the log whole, whoever read it (a job's resolution too). */
  readonly indexCaughtUp: Promise<void>;
}

export const isIndexFedFromLog = (resolver: object): resolver is IndexFedFromLog =>
  'warmUp' in resolver && 'indexProgress' in resolver;

/** A resolver that matches on the streams alone reads no log: it is never waited for. */
export const NOTHING_TO_READ: IndexFedFromLog = {
  warmUp: () => Promise.resolve(),
  indexProgress: () => ({ eventsRead: 0, position: undefined, caughtUp: true }),
  indexCaughtUp: Promise.resolve(),
};

/** The rule of a referral refused because the matcher has not yet read the log. */
export const MATCHER_WARMING_UP = 'matcher-warming-up';
/** How `/ready` names the matcher. */
export const PERSON_MATCHER = 'person_matcher';
/**
 * Reading a long log takes a while (about a minute for a million events), so a client told to come
 * back every second would only add requests; a small log is read long before the wait runs out.
 */
export const MATCHER_RETRY_AFTER_SECONDS = 5;
/** A failed read of the log (the store unreachable) is tried again after 1 s, doubling up to 30 s. */
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Reads the whole log into the matcher's index from start-up, rather than inside the first
 * referral: on a long log that took over a minute, with every referral queued behind it while
 * `/ready` said all was well. Until it is done, `/ready` lists it as `catching-up`, and a referral
 * waits for it at most `waitMs` (the read-your-writes wait) and is then refused with 503 before
 * anything is written, so a proxy's timeout never cuts off a referral that is still recorded.
 * Other commands never wait for it; jobs (the IOM import) resolve people as before, in turn behind it.
 */
export class MatcherWarmUp implements ReadinessComponent {
  private started = false;
  private failure: string | undefined;
  private readonly stopping = new AbortController();
  private running: Promise<void> = Promise.resolve();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly index: IndexFedFromLog,
    private readonly waitMs: number,
    private readonly log: { warn(message: string): void } = { warn: () => undefined },
  ) {}

  /** Begins reading the log; the caller does not wait for it, so the process serves meanwhile. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.read();
  }

  /** Stops between two pages and waits for the page in hand, before the event store closes. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.retry);
    await this.running;
  }

  /**
   * Returns once the index has read the log whole, waiting for it up to `waitMs`; past that, a 503
   * `matcher-warming-up` with Retry-After. Call it before anything is read or written for a referral.
   */
  async awaitWarm(): Promise<void> {
    if (this.warm()) return;
    this.start();
    if (this.waitMs > 0) await this.warmWithin(this.waitMs);
    if (this.warm()) return;
    const { eventsRead } = this.index.indexProgress();
    throw new RetryLaterException(
      `the person matcher is still reading the event log after a restart (${eventsRead} events so far); nothing was recorded, retry in ${MATCHER_RETRY_AFTER_SECONDS} s`,
      MATCHER_RETRY_AFTER_SECONDS,
      MATCHER_WARMING_UP,
    );
  }

  readiness(): ComponentReadiness {
    const { eventsRead, position, caughtUp } = this.index.indexProgress();
    const state = caughtUp ? 'live' : this.failure === undefined ? 'catching-up' : 'failed';
    return {
      name: PERSON_MATCHER,
      state,
      eventsRead,
      position: (position ?? -1n).toString(),
      ...(state === 'failed' && this.failure !== undefined ? { error: this.failure } : {}),
    };
  }

  private warm(): boolean {
    return this.index.indexProgress().caughtUp;
  }

  private read(): void {
    this.running = this.index.warmUp(this.stopping.signal).then(
      () => {
        this.failure = undefined;
      },
      (error: unknown) => {
        if (this.stopping.signal.aborted) return;
        this.failure = error instanceof Error ? error.message : String(error);
        this.log.warn(`person matcher: reading the log failed (${this.failure}); retrying in ${this.retryMs} ms`);
        this.retry = setTimeout(() => this.read(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
      },
    );
  }

  /** Resolves when the index has read the log whole or `ms` have passed, whichever is first. */
  private async warmWithin(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outOfTime = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    try {
      await Promise.race([this.index.indexCaughtUp, outOfTime]);
    } finally {
      clearTimeout(timer);
    }
  }
}
