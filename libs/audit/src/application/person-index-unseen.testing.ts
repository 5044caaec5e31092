import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';

/** Read models whose person index has not seen the person asked about: no record of theirs is unclaimed. */
export const personIndexUnseen = {
  read: () => undefined,
  // Nothing is ever read from it, so there is nothing a version bump could leave lacking.
  refuseLackingReads: () => undefined,
} as unknown as ReadModelDatabase;
