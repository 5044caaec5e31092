import { MAX_IDS, walkIds, type IdSink } from '../application/returned-ids';

/**
 * Case and person ids an event's data names, in the order named, without repeats: what
 * `returnedIds` finds, kept in two reusable arrays. The projection collects them for every event
 * of the log; with one `NamedIds` per batch, data naming nothing allocates nothing.
 */
export class NamedIds implements IdSink {
  readonly caseIds: string[] = [];
  readonly personIds: string[] = [];

  caseId(id: string): void {
    if (this.caseIds.length < MAX_IDS && !this.caseIds.includes(id)) this.caseIds.push(id);
  }

  personId(id: string): void {
    if (this.personIds.length < MAX_IDS && !this.personIds.includes(id)) this.personIds.push(id);
  }
}

/** The ids `data` names, collected into `into` after emptying it. */
export function collectNamedIds(data: object, into: NamedIds): NamedIds {
  into.caseIds.length = 0;
  into.personIds.length = 0;
  walkIds(data, into);
  return into;
}
