import type { CommandContext } from '../../../command-handling/src/command-context';
import { decideNow, handleCommand } from '../../../command-handling/src/handle-command';
import { conflict } from '../../../command-handling/src/rejections';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import {
  IDENTITY_RULES,
  identityStream,
  matchProposalDecider,
  matchStream,
  type MatchProposalCommand,
} from '../domain/person-links';
import { recordAfterBegun, type BeginChange } from './recorded-in-two-steps';

type ConfirmMatch = Extract<MatchProposalCommand, { type: 'confirm-match' }>;

/**
 * Records a confirmation, which merges two people, in two steps (see change-begun.ts for why):
 * decided first on the review's stream, so a refused one writes nothing; then `merge-begun` on the
 * stream of each of the two people, each refused (409 person-changed) if a record was linked there
 * since the facts were read; then the confirmation on the review's stream, at the revision
 * `merge-begun` names. `revisionFolded`: the revision of a stream the person index had folded when
 * the facts were read.
 */
export async function recordMerge(
  store: EventStore,
  reviewId: string,
  command: ConfirmMatch,
  revisionFolded: (stream: string) => Promise<number>,
  context: CommandContext,
) {
  const stream = matchStream(reviewId);
  const { revision } = await decideNow(store, stream, matchProposalDecider, command);
  const { currentPersonIds: personIds, occurredAt } = command.data;
  const reviewRevision = Number(revision);
  const begins: BeginChange[] = [];
  for (const personId of [...personIds].sort()) {
    const factsAtRevision = await revisionFolded(identityStream(personId));
    const data = { personId, proposalId: reviewId, personIds, reviewRevision, factsAtRevision, occurredAt };
    begins.push({ type: 'begin-merge', data });
  }
  const record = () =>
    handleCommand(store, stream, matchProposalDecider, command, context, { expectedRevision: revision }).catch(
      async (error: unknown) => {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // Decided again on the review as it is now: another process's decision is refused as such.
        await decideNow(store, stream, matchProposalDecider, command);
        throw reviewChanged();
      },
    );
  return recordAfterBegun(
    store,
    { kind: 'merge', proposalId: reviewId, revision: reviewRevision },
    begins,
    record,
    context,
  );
}

const reviewChanged = () =>
  conflict(
    IDENTITY_RULES.reviewChanged,
    'this match review changed while your confirmation was being recorded (the pair proposed again on a newer record, say): nothing was merged; re-read the review and decide again',
  );
