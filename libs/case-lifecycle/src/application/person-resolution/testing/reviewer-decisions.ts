import { randomUUID } from 'node:crypto';
import { handleCommand, toEventsToAppend } from '../../../../../command-handling/src/handle-command';
import type { EventStore } from '../../../../../event-store/src/port/event-store';
import type { MatchLevels } from '../../../../../identity/src/domain/matching';
import {
  identityStream,
  matchProposalDecider,
  matchStream,
  type MatchProposalCommand,
  type PersonSplit,
} from '../../../../../identity/src/domain/person-links';
import { proposalIdFor } from '../proposal-id';
import { freshContext } from './fresh-context';

const occurredAt = '2024-01-01T00:00:00.000Z';

/** What a reviewer does to the log, as the review routes record it (synthetic reasons). */
export const reviewerOn = (store: EventStore) => {
  const decide = (a: string, b: string, command: MatchProposalCommand) =>
    handleCommand(store, matchStream(proposalIdFor(a, b)), matchProposalDecider, command, freshContext());
  return {
    decide,
    reject: (a: string, b: string) =>
      decide(a, b, {
        type: 'reject-match',
        data: { reason: 'Different mothers', currentPersonIds: [a, b], occurredAt },
      }),
    /** Confirms the open proposal of the pair: `b` merges into `a` (registered first, as recorded). */
    confirm: (a: string, b: string) =>
      decide(a, b, {
        type: 'confirm-match',
        data: {
          reason: 'Same GP letter',
          currentPersonIds: [a, b],
          registeredAt: { [a]: 1, [b]: 2 },
          identifiers: [[], []],
          occurredAt,
        },
      }),
    /** Proposed by hand (not by the matcher: its levels play no part in the merge). */
    propose: (a: string, b: string) =>
      decide(a, b, {
        type: 'propose-match',
        data: {
          proposalId: proposalIdFor(a, b),
          personIds: [a, b],
          score: 1,
          levels: {} as MatchLevels,
          guards: [],
          occurredAt,
        },
      }),
    /** Moves `recordId` off `personId` to a new person, whose id it answers (not an unmerge). */
    splitOff: async (personId: string, recordId: string) => {
      const intoPersonId = randomUUID();
      const data: PersonSplit['data'] = {
        personId,
        intoPersonId,
        restored: false,
        recordIds: [recordId],
        caseIds: [],
        reason: 'Record linked to the wrong woman',
        occurredAt,
      };
      await store.append(identityStream(personId), toEventsToAppend([{ type: 'person-split', data }], freshContext()), {
        expected: 'any',
      });
      return intoPersonId;
    },
    /** Every pair the matcher or a reviewer proposed, in log order, each as [known, new]. */
    proposedPairs: async () =>
      (await store.readAll({}))
        .filter((e) => e.type === 'match-proposed')
        .map((e) => (e.data as { personIds: string[] }).personIds),
  };
};
