import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';

export type LogProblemReason = 'revision-gap' | 'position-gap';

export interface LogProblem {
  readonly position: string;
  readonly eventId: string;
  readonly stream: string;
  readonly reason: LogProblemReason;
  readonly detail: string;
}

/** Problems listed in one report; the count goes on, the list stops, so a wrecked log stays readable. */
export const MAX_LISTED = 100;

/**
 * Checks the log's own shape, sealed or not: every stream's revisions run 0, 1, 2… and, where
 * the store promises it (SQLite), positions run 0, 1, 2… without holes. A row written straight
 * into the file rarely fits both, so an event the service never appended is caught even before
 * it is sealed. One entry per stream is kept: memory grows with streams, not events.
 */
export class LogConsistency {
  private readonly revisions = new Map<string, bigint>();
  private previousPosition = -1n;
  private count = 0;
  readonly problems: LogProblem[] = [];

  constructor(private readonly consecutivePositions: boolean) {}

  get problemCount(): number {
    return this.count;
  }

  see(event: RecordedEvent): void {
    if (this.consecutivePositions && event.position !== this.previousPosition + 1n) {
      this.report(event, 'position-gap', `positions jump from ${this.previousPosition.toString()}`);
    }
    this.previousPosition = event.position;
    const expected = (this.revisions.get(event.stream) ?? -1n) + 1n;
    if (event.revision !== expected) {
      this.report(event, 'revision-gap', `revision ${event.revision.toString()} where ${expected.toString()} was due`);
    }
    this.revisions.set(event.stream, event.revision);
  }

  private report(event: RecordedEvent, reason: LogProblemReason, detail: string): void {
    this.count++;
    if (this.problems.length >= MAX_LISTED) return;
    this.problems.push({
      position: event.position.toString(),
      eventId: event.id,
      stream: event.stream,
      reason,
      detail,
    });
  }
}
