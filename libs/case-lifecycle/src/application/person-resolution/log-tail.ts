import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';

/** Pages of about 1,000: larger pages cost more in garbage collection than they save in reads. */
const PAGE = 1000;

/** How far a tail has read the log. */
export interface LogTailProgress {
  /** Events handed over since this process started. */
  readonly eventsRead: number;
  /** The position of the last event handed over; undefined before the first. */
  readonly position: bigint | undefined;
  /** Whether a catch-up has reached the head of the log once: later ones only read what is new. */
  readonly caughtUp: boolean;
}

/**
 * Hands every event recorded since the last look (by this process or any other) to `apply`, in
 * log order. Catch-ups run one after another: two overlapping ones would hand the same events over
 * twice, and replaying a merge after the split that undid it would merge the two people again.
 */
export class LogTail {
  private applied: bigint | undefined;
  private eventsRead = 0;
  private running: Promise<unknown> = Promise.resolve();
  private reachedHead!: () => void;
  /** Settles when a catch-up first reaches the head of the log. */
  readonly caughtUp = new Promise<void>((resolve) => (this.reachedHead = resolve));
  private atHead = false;

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: RecordedEvent) => void,
  ) {}

  /**
   * `signal` ends this catch-up between two pages (a process stopping during its first read of a
   * long log); whatever it has not read is left to the next catch-up.
   */
  catchUp(signal?: AbortSignal): Promise<void> {
    const run = this.running.then(() => this.readNewEvents(signal));
    this.running = run.catch(() => undefined);
    return run;
  }

  progress(): LogTailProgress {
    return { eventsRead: this.eventsRead, position: this.applied, caughtUp: this.atHead };
  }

  private async readNewEvents(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const page = await this.store.readAll({
        ...(this.applied === undefined ? {} : { fromPosition: this.applied }),
        maxCount: PAGE,
      });
      for (const event of page) {
        this.apply(event);
        // Advanced event by event, so an event that failed to apply is the first one handed over again.
        this.applied = event.position;
        this.eventsRead += 1;
      }
      if (page.length < PAGE) {
        this.atHead = true;
        this.reachedHead();
        return;
      }
      // A store may hand pages over as microtasks (rows read ahead, a buffered stream): without a
      // turn of the event loop here, a first read of a long log would hold /health and every
      // request until it ended.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
