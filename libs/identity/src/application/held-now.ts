import type { EventStore } from '../../../event-store/src/port/event-store';
import { identityStream } from '../domain/person-links';

/** A corrupt log with a cycle of splits must not hang a request. */
const MAX_SPLITS_FOLLOWED = 50;

interface SplitData {
  readonly intoPersonId?: unknown;
  readonly recordIds?: unknown;
  readonly caseIds?: unknown;
}

const names = (list: unknown, id: string): boolean => Array.isArray(list) && list.includes(id);

/**
 * Who holds a record or case now that `personId` once held, following the splits that moved it:
 * each is a `person-split` on the identity stream of whoever held it then (a restoring split
 * moving it back included). From the log, so a write decided on it never waits for the person
 * index. A split made on the stream of a person `personId` was merged into is not followed: it
 * answers the merged id, which stands for that survivor.
 */
export async function heldNow(
  store: EventStore,
  personId: string,
  held: { readonly recordId: string } | { readonly caseId: string },
): Promise<string> {
  const [list, id] = 'recordId' in held ? (['recordIds', held.recordId] as const) : (['caseIds', held.caseId] as const);
  let holder = personId;
  let after = -1n;
  for (let followed = 0; followed < MAX_SPLITS_FOLLOWED; followed++) {
    const split = (await store.readStream(identityStream(holder))).find(
      (event) => event.type === 'person-split' && event.position > after && names((event.data as SplitData)[list], id),
    );
    const into = (split?.data as SplitData | undefined)?.intoPersonId;
    if (split === undefined || typeof into !== 'string') return holder;
    holder = into;
    after = split.position;
  }
  return holder;
}
