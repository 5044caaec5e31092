import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { notFound } from '../../../command-handling/src/rejections';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import type { Principal } from '../../../platform/src/auth/principal';
import {
  caseDecider,
  caseStream,
  createCaseDecider,
  type CaseCommand,
  type CaseDecider,
  type CaseEvent,
  type CaseRecord,
  requireRecordedByNow,
  type PanelRegistry,
} from '../domain';
import { PANEL_REGISTRY } from './configured-panel-registry';
import { requirePanelMember } from './panel-access';

/** A command on an existing case; `build` sees the current case so routes can fill ids it holds. */
export class ExecuteCaseCommand {
  constructor(
    readonly caseId: string,
    readonly build: (current: CaseRecord) => CaseCommand,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly expectedRevision?: bigint,
  ) {}
}

export interface CaseCommandOutcome {
  readonly caseId: string;
  readonly events: readonly string[];
  readonly revision: bigint;
  readonly position: bigint | undefined;
}

/** Loads the case to check the caller sits on its panel, then runs the generic pipeline. */
@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, CaseCommandOutcome> {
  /** Judges with the registry in force: an evaluation records the configured policy. */
  private readonly cases: CaseDecider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PANEL_REGISTRY) registry: PanelRegistry,
  ) {
    this.cases = createCaseDecider(registry);
  }

  async execute({
    caseId,
    build,
    principal,
    context,
    expectedRevision,
  }: ExecuteCaseCommand): Promise<CaseCommandOutcome> {
    const current = await loadCase(this.store, caseId);
    requirePanelMember(principal, current.panelCode, caseId);
    const command = build(current);
    // The deciders have no clock: the time they may not run ahead of is the one stamped on the events.
    requireRecordedByNow(command, context.now);
    const result = await handleCommand(this.store, caseStream(caseId), this.cases, command, context, {
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    });
    return {
      caseId,
      events: result.newEvents.map((e) => e.type),
      revision: result.nextExpectedRevision,
      position: result.position,
    };
  }
}

export async function loadCase(store: EventStore, caseId: string): Promise<CaseRecord & { revision: bigint }> {
  const events = await store.readStream(caseStream(caseId));
  const state = evolveAll(caseDecider, events as unknown as CaseEvent[]);
  const last = events[events.length - 1];
  if (!state.exists || last === undefined) throw notFound('case-exists', `no case ${caseId}`);
  return { ...state, revision: last.revision };
}
