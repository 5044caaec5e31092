import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { dsaDecider, dsaStream, type DsaCommand, type DsaEvent, type DsaRecord, type DsaState } from '../domain';

export interface DsaOutcome {
  readonly dsaId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

/** Thin: read the agreement, let the pure decider judge, append with the revision read. */
@Injectable()
export class SharingAgreements {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

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
}
