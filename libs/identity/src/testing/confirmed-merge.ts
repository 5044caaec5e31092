import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { toEventsToAppend } from '../../../command-handling/src/handle-command';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { matchStream, type MatchConfirmed, type PersonSplit } from '../domain/person-links';

/**
 * A reviewer's confirmed merge, written as the match-review route writes it (`match-confirmed`
 * in a proposal's own stream), for specs that need two people merged without the review queue.
 */
export function recordConfirmedMerge(
  store: EventStore,
  merge: {
    readonly survivorId: string;
    readonly mergedId: string;
    readonly reason: string;
    readonly occurredAt: string;
  },
  context: CommandContext,
) {
  const data: MatchConfirmed['data'] = {
    proposalId: randomUUID(),
    personIds: [merge.survivorId, merge.mergedId],
    ...merge,
  };
  return store.append(matchStream(data.proposalId), toEventsToAppend([{ type: 'match-confirmed', data }], context), {
    expected: 'no-stream',
  });
}

/** A split that undoes the merge of `intoPersonId` into `personId`, as the split route records it. */
export const restoringSplit = (personId: string, intoPersonId: string, occurredAt: string): PersonSplit['data'] => ({
  personId,
  intoPersonId,
  restored: true,
  recordIds: [],
  caseIds: [],
  reason: 'Merged in error',
  occurredAt,
});
