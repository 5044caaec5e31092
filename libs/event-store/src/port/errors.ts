import { describeExpected, type ExpectedRevision } from './expected-revision';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `no-stream` if it has no events. */
    readonly actual: bigint | 'no-stream',
  ) {
    super(
      `stream ${stream}: expected revision ${describeExpected(expected)}, actual ${
        typeof actual === 'bigint' ? actual.toString() : actual
      }`,
    );
  }
}

/** An event id was re-used with different content, or for a different position: never silently accepted. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId}: ${reason}`);
  }
}

/** The request to the store was malformed (bad stream name, empty batch, bad event type ...). */
export class InvalidAppendError extends Error {
  override readonly name: string = 'InvalidAppendError';
}

/**
 * The append's events are larger, together, than one append may be (see append-limits.ts). Permanent:
 * sending it again cannot succeed; split the work into smaller appends or store less in the events.
 */
export class AppendTooLargeError extends InvalidAppendError {
  override readonly name: string = 'AppendTooLargeError';
  constructor(
    readonly stream: string,
    /** Bytes as append-limits.ts counts them, or undefined when only the server knows. */
    readonly size: number | undefined,
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(
      size === undefined
        ? `append to ${stream}: larger than the limit of ${limit} bytes`
        : `append to ${stream}: ${size} bytes of event data and metadata exceed the limit of ${limit} bytes`,
      options,
    );
  }
}

export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
}
