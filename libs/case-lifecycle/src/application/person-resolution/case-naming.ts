import type { CommandContext } from '../../../../command-handling/src/command-context';
import { handleCommand } from '../../../../command-handling/src/handle-command';
import type { RecordedEvent } from '../../../../event-store/src/port/event-envelope';
import { WrongExpectedRevisionError } from '../../../../event-store/src/port/errors';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import {
  changeBegun,
  identityStream,
  personLinksDecider,
  streamRecording,
  type ChangeToRecord,
  type PersonLinkEvent,
} from '../../../../identity/src/domain/person-links';
import { RetryLaterException } from '../../../../platform/src/http/retry-later';
import { ABANDONED_CHANGE_AFTER_MS } from './identity-streams';
import type { CaseNaming } from './person-resolver';

/**
 * Looks at her stream this often before a referral gives up writing `case-naming-begun`: a merge or
 * restore of her is recorded milliseconds after it began (one try waits 20 ms for it), and a link
 * landing between the read and the append only costs another read.
 */
export const NAMING_ATTEMPTS = 50;

/**
 * `case-naming-begun` on her stream at the revision the resolver read it at, or undefined once
 * something was recorded there since: the resolver then looks at her again before naming.
 */
export function recordNamingBegun(
  store: EventStore,
  victim: string,
  naming: CaseNaming,
  context: CommandContext,
  expectedRevision: bigint,
) {
  const { caseId, panelCode, namedRecordId } = naming;
  return handleCommand(
    store,
    identityStream(victim),
    personLinksDecider,
    {
      type: 'begin-case-naming',
      data: { personId: victim, caseId, panelCode, namedRecordId, occurredAt: context.occurredAt },
    },
    context,
    { expectedRevision },
  ).catch((error: unknown) => {
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  });
}

/**
 * A merge or restore of the victim still underway after every try (a process that stopped between
 * its steps, not yet old enough to be withdrawn): her record and his are written, her case is not;
 * the same referral retried finishes it. The client is told when the change can be taken over.
 */
export function changeStillUnderway(beganAt: string | undefined, now: number): RetryLaterException {
  const age = beganAt === undefined ? 0 : now - Date.parse(beganAt);
  const seconds = Math.max(1, Math.ceil((ABANDONED_CHANGE_AFTER_MS - age) / 1000));
  return new RetryLaterException(
    `a merge or restore of this person is being recorded, so her case cannot name its perpetrator yet; nothing of the case was recorded: retry in ${seconds} s`,
    seconds,
    'person-being-changed',
  );
}

/**
 * The change begun on a stream (its events as read) still to be recorded: nothing is on the stream
 * it is recorded on after the revision it expects. For a resolver that follows no log of its own.
 */
export async function changeUnderwayIn(
  store: EventStore,
  events: readonly RecordedEvent[],
): Promise<ChangeToRecord | undefined> {
  for (const event of events) {
    const change = changeBegun(event as unknown as PersonLinkEvent);
    if (change === undefined) continue;
    const recorded = await store.readStream(streamRecording(change));
    const last = recorded[recorded.length - 1]?.revision ?? -1n;
    if (last <= BigInt(change.revision)) return change;
  }
  return undefined;
}
