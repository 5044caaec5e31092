import { handleCommand, toEventsToAppend } from '../../../../../command-handling/src/handle-command';
import type { EventStore } from '../../../../../event-store/src/port/event-store';
import { identityStream, matchProposalDecider, matchStream } from '../../../../../identity/src/domain/person-links';
import { proposalIdFor } from '../proposal-id';
import { freshContext } from './fresh-context';

/** A confirmation as the confirm route records it: `merge-begun` on both people's streams, then the confirmation. */
export const mergeOf = (store: EventStore, a: string, b: string) => {
  const proposalId = proposalIdFor(a, b);
  const revision = async (stream: string) => (await store.readStream(stream)).at(-1)?.revision ?? -1n;
  return {
    begin: async () => {
      const reviewRevision = Number(await revision(matchStream(proposalId)));
      for (const personId of [a, b]) {
        const data = { personId, proposalId, personIds: [a, b], reviewRevision, occurredAt: '2024-01-01T00:00:00Z' };
        const expected = await revision(identityStream(personId));
        await store.append(
          identityStream(personId),
          toEventsToAppend([{ type: 'merge-begun', data }], freshContext()),
          {
            expected: expected < 0n ? 'no-stream' : expected,
          },
        );
      }
      return reviewRevision;
    },
    record: async (reviewRevision: number) => {
      const data = {
        reason: 'Same GP letter',
        currentPersonIds: [a, b] as [string, string],
        registeredAt: { [a]: 1, [b]: 2 },
        identifiers: [[], []] as [[], []],
        occurredAt: '2024-01-01T00:00:00Z',
      };
      await handleCommand(
        store,
        matchStream(proposalId),
        matchProposalDecider,
        { type: 'confirm-match', data },
        freshContext(),
        { expectedRevision: BigInt(reviewRevision) },
      );
    },
  };
};
