import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../port/expected-revision';

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return expected;
  }
}

/** The stream's actual revision from a WrongExpectedVersionError (older servers send -1 for "none"). */
export function fromClientCurrentRevision(current: CurrentRevision): bigint | 'no-stream' {
  return current === NO_STREAM || current < 0n ? 'no-stream' : current;
}
