import type Database from 'better-sqlite3';
import { columnsLacking as lackingIn, type LackingColumns } from '../../../read-models/src/registered-schema';
import { personIndexProjection } from '../projections';

export type { LackingColumns } from '../../../read-models/src/registered-schema';

/** What this release's queries read that `version` of the person index (built by another release) does not have. */
export function columnsLacking(connection: Database.Database, version: number): LackingColumns {
  return lackingIn(connection, personIndexProjection, version);
}
