import { Inject, Injectable, Optional } from '@nestjs/common';
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
import { awaitRegister } from './register-reaches';

export interface DsaOutcome {
  readonly dsaId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

/**
 * Thin: read the agreement, let the pure decider judge, append with the revision read. Every
 * command on an agreement, and every share under it (`shareUnder`), takes the agreement's turn in
 * this process: a share appends to its own stream, so no revision check ties it to a change of the
 * agreement, and without turns a share and a back-dated removal sent together were both written,
 * the share then outside the agreement. Other processes writing the same log are not held (see
 * libs/information-sharing/README.md, "Shares and changes across API processes").
 */
@Injectable()
export class SharingAgreements {
  private readonly turns = new Turns();
  /**
   * Per agreement, the log position of the last share this process appended under it and the
   * register may not hold yet: what a change of the agreement waits for, and no more.
   */
  private readonly sharesAppended = new Map<string, bigint>();
  /** The log head when this process first judged a change: shares of earlier processes lie at or below it. */
  private headAtFirstChange: Promise<bigint> | undefined;

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

  /**
   * A share under the agreement: judged on it and appended in the agreement's turn, so a change
   * taking the turn after it waits for the register to hold it (its log position is kept here).
   */
  shareUnder<T extends { readonly position: bigint | undefined }>(dsaId: string, work: () => Promise<T>): Promise<T> {
    return this.turns.take(dsaId, async () => {
      const outcome = await work();
      const before = this.sharesAppended.get(dsaId);
      if (outcome.position !== undefined && (before === undefined || outcome.position > before))
        this.sharesAppended.set(dsaId, outcome.position);
      return outcome;
    });
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
   * removal, renewal or expiry must leave covered. Read from the register once it holds the last
   * share this process appended under the agreement (and everything before this process's first
   * change, for shares of the processes before it): not the log head, so views lagging elsewhere in
   * the log, or this agreement's own shares, hold no change up. A 503 when the register does not get
   * there in time, or is being rebuilt, and nothing is recorded.
   */
  private async latestDisclosure(dsaId: string, agency?: string): Promise<RecordedDisclosure | null> {
    const appended = this.sharesAppended.get(dsaId) ?? -1n;
    const earlier = await this.earlierProcessesHead();
    const upTo = appended > earlier ? appended : earlier;
    if (upTo >= 0n) await awaitRegister(this.readModels, this.progress, upTo, this.config.readYourWritesTimeoutMs);
    // The register holds it now, and no share under the agreement is appended until this turn ends.
    if (this.sharesAppended.get(dsaId) === appended) this.sharesAppended.delete(dsaId);
    return latestDisclosureUnder(this.readModels, dsaId, agency);
  }

  /** Read once; a store that did not answer is asked again at the next change. */
  private earlierProcessesHead(): Promise<bigint> {
    this.headAtFirstChange ??= this.store.headPosition().catch((error: unknown) => {
      this.headAtFirstChange = undefined;
      throw error;
    });
    return this.headAtFirstChange;
  }
}
