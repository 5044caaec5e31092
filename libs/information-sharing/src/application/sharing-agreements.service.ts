import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand, toEventsToAppend } from '../../../command-handling/src/handle-command';
import { notFound } from '../../../command-handling/src/rejections';
import { WrongExpectedRevisionError } from '../../../event-store/src/port/errors';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import {
  agencyKey,
  dsaDecider,
  dsaStream,
  type DsaCommand,
  type DsaEvent,
  type DsaRecord,
  type DsaState,
  type NotedShare,
  type RecordedDisclosure,
} from '../domain';
import { latestDisclosureUnder } from './latest-disclosure-under';

export interface DsaOutcome {
  readonly dsaId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

const NOTED: DsaEvent['type'] = 'dsa-disclosure-recorded';

/**
 * Notes of other shares may come in between a share's judging and its note: they change nothing it
 * was judged on, so the note is appended again after them, this many times at most (then a 409
 * `expected-revision`, and nothing of the share is written).
 */
const NOTE_ATTEMPTS = 10;

const sameShare = (a: NotedShare, b: NotedShare): boolean =>
  a.disclosureId === b.disclosureId &&
  agencyKey(a.fromAgency) === agencyKey(b.fromAgency) &&
  agencyKey(a.toAgency) === agencyKey(b.toAgency) &&
  a.occurredAt === b.occurredAt &&
  a.madeAt === b.madeAt;

/**
 * Thin: read the agreement, let the pure decider judge, append with the revision read. A share
 * under the agreement is noted on its stream (`note`) at the revision it was judged on, so a change
 * judged on an older revision is judged again (handleCommand's retry), and a share judged before a
 * change is judged again by its caller: whatever the process, whatever the store.
 */
@Injectable()
export class SharingAgreements {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
  ) {}

  async execute(
    dsaId: string,
    command: DsaCommand,
    context: CommandContext,
    expectedRevision?: bigint,
  ): Promise<DsaOutcome> {
    const result = await handleCommand(this.store, dsaStream(dsaId), dsaDecider, command, context, {
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    return {
      dsaId,
      events: result.newEvents.map((e) => e.type),
      revision: result.nextExpectedRevision,
      position: result.position,
    };
  }

  /**
   * A removal, renewal or expiry. The decider judges it on the shares the stream has noted; the
   * register adds those recorded before shares were noted there (`registeredShare`).
   */
  async change(
    dsaId: string,
    agency: string | undefined,
    command: (registeredShare: RecordedDisclosure | null) => DsaCommand,
    context: CommandContext,
    expectedRevision?: bigint,
  ): Promise<DsaOutcome> {
    return this.execute(dsaId, command(this.registeredShare(dsaId, agency)), context, expectedRevision);
  }

  /**
   * Notes a share judged on the agreement at revision `judgedAt` (see DsaDisclosureRecorded).
   * `moved`: the agreement has changed since, so the share must be judged again. A retry of the
   * same share (same id, agencies and dates) finds its note and writes no second one.
   */
  async note(dsaId: string, share: NotedShare, judgedAt: bigint, context: CommandContext): Promise<'noted' | 'moved'> {
    const stream = dsaStream(dsaId);
    // Its own ids: the share's event takes the context's.
    const noting: CommandContext = { ...context, eventId: () => randomUUID(), deterministicIds: false };
    for (let attempt = 1; ; attempt++) {
      const events = await this.store.readStream(stream);
      if (events.some((e) => e.revision > judgedAt && e.type !== NOTED)) return 'moved';
      if (events.some((e) => e.type === NOTED && sameShare(e.data as NotedShare, share))) return 'noted';
      const current = events[events.length - 1]?.revision ?? -1n;
      const state = evolveAll(dsaDecider, events as unknown as DsaEvent[]);
      const noted = dsaDecider.decide({ type: 'note-disclosure', share }, state);
      try {
        await this.store.append(stream, toEventsToAppend(noted, noting), {
          expected: current < 0n ? 'no-stream' : current,
        });
        return 'noted';
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < NOTE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  /** The agreement as recorded (state, not a read model: disclosures are judged on it). */
  async load(dsaId: string): Promise<DsaState & { revision: bigint }> {
    const events = await this.store.readStream(dsaStream(dsaId));
    const state = evolveAll(dsaDecider, events as unknown as DsaEvent[]);
    const last = events[events.length - 1];
    return { ...state, revision: last?.revision ?? -1n };
  }

  async existing(dsaId: string): Promise<DsaRecord & { revision: bigint }> {
    const state = await this.load(dsaId);
    if (!state.exists) throw notFound('dsa-exists', `no data sharing agreement ${dsaId}`);
    return state;
  }

  /**
   * The latest share the register holds under the agreement (from or to `agency`, when given), for
   * shares recorded before the agreement's stream noted them. Read without waiting for the
   * register to reach the head: every share since is on the stream, and those before are old. A
   * register being rebuilt with no version to answer is a 503 `read-model-rebuilding` at once.
   */
  private registeredShare(dsaId: string, agency?: string): RecordedDisclosure | null {
    return latestDisclosureUnder(this.readModels, dsaId, agency);
  }
}
