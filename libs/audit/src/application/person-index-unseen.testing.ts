import type { ReadModelDatabase } from '../../../read-models/src/read-model-database';

/** Read models whose person index has not seen the person asked about: no record of theirs is unclaimed. */
export const personIndexUnseen = { read: () => undefined } as unknown as ReadModelDatabase;
