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
  override readonly name = 'InvalidAppendError';
}

export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
}
