import type { CommandContext } from '../../../command-handling/src/command-context';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import type { EventStore } from '../../../event-store/src/port/event-store';
import {
  identityStream,
  matchProposalDecider,
  personLinksDecider,
  streamRecording,
  type ChangeToRecord,
  type PersonLinksCommand,
  type WithdrawalCause,
} from '../domain/person-links';

export type BeginChange = Extract<PersonLinksCommand, { type: 'begin-restore' | 'begin-merge' }>;

/**
 * Records a change that changes what other people hold (see change-begun.ts for why in two steps),
 * once it has been decided and found sound: `begins`, each on the stream of the person it names
 * and refused (409 person-changed) if anything was recorded there since the facts were read; then
 * `record`, the change itself, on the stream `change` names at the revision it expects. Once one
 * began and the rest cannot be recorded, the change is withdrawn, so the people it began on are
 * not left waiting for it; the caller hears why it failed.
 */
export async function recordAfterBegun<T>(
  store: EventStore,
  change: ChangeToRecord,
  begins: readonly BeginChange[],
  record: () => Promise<T>,
  context: CommandContext,
): Promise<T> {
  let begun = 0;
  try {
    for (const begin of begins) {
      await handleCommand(store, identityStream(begin.data.personId), personLinksDecider, begin, context);
      begun++;
    }
    return await record();
  } catch (error) {
    // A withdrawal that cannot be written is settled by whatever moves that stream, or taken over by a referral later.
    if (begun > 0) await withdrawChange(store, change, 'failed', context).catch(() => undefined);
    throw error;
  }
}

/**
 * Settles a change begun as never to be recorded (`restore-withdrawn`, `merge-withdrawn`), on the
 * stream it would be recorded on and only while that stream is at the revision it expects: after
 * that, it was recorded or cannot be, and nothing is written.
 */
export async function withdrawChange(
  store: EventStore,
  change: ChangeToRecord,
  cause: WithdrawalCause,
  context: CommandContext,
): Promise<void> {
  const stream = streamRecording(change);
  const { occurredAt } = context;
  if (change.kind === 'restore') {
    const data = { personId: change.splitOffPersonId, splitOffRevision: change.revision, cause, occurredAt };
    await handleCommand(store, stream, personLinksDecider, { type: 'withdraw-restore', data }, context);
    return;
  }
  const withdraw = { type: 'withdraw-merge', data: { cause, occurredAt } } as const;
  await handleCommand(store, stream, matchProposalDecider, withdraw, context, {
    expectedRevision: BigInt(change.revision),
  }).catch((error: unknown) => {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  });
}
