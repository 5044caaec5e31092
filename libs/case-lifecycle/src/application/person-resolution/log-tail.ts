import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';

/** Pages of about 1,000: larger pages cost more in garbage collection than they save in reads. */
const PAGE = 1000;

/**
 * Hands every event recorded since the last look (by this process or any other) to `apply`, in
 * log order. Catch-ups run one after another: two overlapping ones would hand the same events over
 * twice, and replaying a merge after the split that undid it would merge the two people again.
 */
export class LogTail {
  private applied: bigint | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: RecordedEvent) => void,
  ) {}

  catchUp(): Promise<void> {
    const run = this.running.then(() => this.readNewEvents());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async readNewEvents(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        ...(this.applied === undefined ? {} : { fromPosition: this.applied }),
        maxCount: PAGE,
      });
      for (const event of page) {
        this.apply(event);
        // Advanced event by event, so an event that failed to apply is the first one handed over again.
        this.applied = event.position;
      }
      if (page.length < PAGE) return;
    }
  }
}
