import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '../../../command-handling/src/command-context';
import { evolveAll } from '../../../command-handling/src/decider';
import { handleCommand } from '../../../command-handling/src/handle-command';
import { notFound } from '../../../command-handling/src/rejections';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
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
  return caseFrom(await store.readStream(caseStream(caseId)), caseId);
}

/** The case its stream's events make (404 `case-exists` when they make none). */
export function caseFrom(events: readonly RecordedEvent[], caseId: string): CaseRecord & { revision: bigint } {
  const state = caseAsOf(events, undefined);
  if (state === undefined) throw notFound('case-exists', `no case ${caseId}`);
  return state;
}

/**
 * The case as it stood when the log was at `position` (undefined: now): its stream's events
 * recorded by then, folded by the domain's own evolve. Undefined when it had not been referred.
 */
export function caseAsOf(
  events: readonly RecordedEvent[],
  position: bigint | undefined,
): (CaseRecord & { revision: bigint }) | undefined {
  const then = position === undefined ? events : events.filter((event) => event.position <= position);
  const state = evolveAll(caseDecider, then as unknown as CaseEvent[]);
  const last = then.at(-1);
  return state.exists && last !== undefined ? { ...state, revision: last.revision } : undefined;
}
