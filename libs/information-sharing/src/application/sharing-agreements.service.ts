import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { notFound } from '../../../command-handling/src/rejections';
import { Turns } from '../../../command-handling/src/turns';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { ReadModelDatabase } from '../../../read-models/src/read-model-database';
import {
  dsaDecider,
  dsaStream,
  type DsaCommand,
  type DsaEvent,
  type DsaRecord,
  type DsaState,
  type RecordedDisclosure,
} from '../domain';
import { latestDisclosureUnder } from './latest-disclosure-under';

export interface DsaOutcome {
  readonly dsaId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

/**
 * Thin: read the agreement, let the pure decider judge, append with the revision read. Every
 * command on an agreement, and every disclosure decision citing it (`inTurn`), takes the
 * agreement's turn in this process: a share appends to its own stream, so no revision check ties
 * it to a change of the agreement, and without turns a share and a back-dated removal sent
 * together were both written, the share then outside the agreement.
 */
@Injectable()
export class SharingAgreements {
  private readonly turns = new Turns();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(READ_MODEL_PROGRESS) private readonly progress?: ReadModelProgress | null,
  ) {}

  async execute(
    dsaId: string,
    command: DsaCommand,
    context: CommandContext,
    expectedRevision?: bigint,
  ): Promise<DsaOutcome> {
    return this.turns.take(dsaId, () => this.append(dsaId, command, context, expectedRevision));
  }

  /**
   * A removal, renewal or expiry, judged on the latest share under the agreement (from or to
   * `agency`, when given) as the register holds it once every share before it in the turn has been
   * appended and projected: none can slip in between the reading and the change.
   */
  async change(
    dsaId: string,
    agency: string | undefined,
    command: (latestDisclosure: RecordedDisclosure | null) => DsaCommand,
    context: CommandContext,
    expectedRevision?: bigint,
  ): Promise<DsaOutcome> {
    return this.turns.take(dsaId, async () => {
      const latest = await this.latestDisclosure(dsaId, agency);
      return this.append(dsaId, command(latest), context, expectedRevision);
    });
  }

  /** A disclosure decision citing the agreement: judged on it and appended in the agreement's turn. */
  inTurn<T>(dsaId: string, work: () => Promise<T>): Promise<T> {
    return this.turns.take(dsaId, work);
  }

  private async append(
    dsaId: string,
    command: DsaCommand,
    context: CommandContext,
    expectedRevision: bigint | undefined,
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

  /**
   * The latest share recorded under the agreement (from or to `agency`, when given), which a
   * removal, renewal or expiry must leave covered. Read from the register once it has caught up
   * with the log, so a share whose 201 the caller has seen is counted; a 503 otherwise, and
   * nothing is recorded.
   */
  private async latestDisclosure(dsaId: string, agency?: string): Promise<RecordedDisclosure | null> {
    if (this.progress != null) {
      const head = await this.store.headPosition();
      if (!(await this.progress.waitUntilProcessed(head, this.config.readYourWritesTimeoutMs)))
        throw new ServiceUnavailableException({
          message: `the disclosure register has not yet processed position ${head.toString()}; nothing was recorded, retry shortly`,
          rule: 'read-your-writes-timeout',
        });
    }
    return latestDisclosureUnder(this.readModels, dsaId, agency);
  }
}
