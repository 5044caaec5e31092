import type { EventStore } from '../../event-store/src/port/event-store';
import type { EventToAppend, RecordedEvent } from '../../event-store/src/port/event-envelope';
import type { ExpectedRevision } from '../../event-store/src/port/expected-revision';
import { WrongExpectedRevisionError } from '../../event-store/src/port/errors';
import type { CommandContext } from './command-context';
import type { Decider, DomainEvent } from './decider';

export const EVENT_SCHEMA_VERSION = 1;

export interface HandleOptions {
  /**
   * The revision the client read (HTTP If-Match). When given, a conflict is the client's to
   * resolve and is not retried.
   */
  readonly expectedRevision?: bigint;
  readonly maxRetries?: number;
}

export interface HandleResult<State, Event extends DomainEvent> {
  readonly newState: State;
  readonly newEvents: readonly Event[];
  /** Revision of the stream's last event after the command (-1n when the stream is still empty). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last appended event; undefined when the command appended nothing. */
  readonly position: bigint | undefined;
}

export function toEventsToAppend(events: readonly DomainEvent[], context: CommandContext): EventToAppend[] {
  return events.map((event, index) => ({
    id: context.eventId(index),
    type: event.type,
    data: event.data,
    metadata: {
      ...context.extraMetadata,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: context.occurredAt,
      recordedAt: context.now,
      schemaVersion: EVENT_SCHEMA_VERSION,
    },
  }));
}

function lastRevision(events: readonly RecordedEvent[]): bigint {
  const last = events[events.length - 1];
  return last === undefined ? -1n : last.revision;
}

/**
 * Reads the stream, folds it into state, asks the decider, and appends with the revision it
 * read. On a concurrency conflict it starts again from a fresh read, a bounded number of times,
 * unless the client pinned the revision (then the conflict is reported).
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: CommandContext,
  options: HandleOptions = {},
): Promise<HandleResult<State, Event>> {
  const maxRetries = options.expectedRevision === undefined ? (options.maxRetries ?? 3) : 0;
  for (let attempt = 0; ; attempt++) {
    const recorded = await store.readStream(stream);
    const current = lastRevision(recorded);
    if (context.deterministicIds === true) {
      const replay = alreadyApplied(recorded, context, decider);
      if (replay !== undefined) return replay;
    }
    if (options.expectedRevision !== undefined && options.expectedRevision !== current) {
      throw new WrongExpectedRevisionError(stream, options.expectedRevision, current < 0n ? 'no-stream' : current);
    }
    const state = recorded.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState());
    const newEvents = decider.decide(command, state);
    if (newEvents.length === 0) {
      return { newState: state, newEvents, nextExpectedRevision: current, position: undefined };
    }
    const expected: ExpectedRevision = current < 0n ? 'no-stream' : current;
    try {
      const result = await store.append(stream, toEventsToAppend(newEvents, context), { expected });
      return {
        newState: newEvents.reduce(decider.evolve, state),
        newEvents,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position,
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && attempt < maxRetries) continue;
      throw error;
    }
  }
}

/**
 * What `command` would append to `stream` as it stands, and the revision it was decided at, with
 * nothing appended: for a command recorded only after other writes, which must not be made for
 * one that is refused. Throws the decider's refusal.
 */
export async function decideNow<State, Command, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
  command: Command,
): Promise<{ readonly newEvents: readonly Event[]; readonly revision: bigint }> {
  const recorded = await store.readStream(stream);
  const state = recorded.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState());
  return { newEvents: decider.decide(command, state), revision: lastRevision(recorded) };
}

/** A retried job finds its own events already stored: answer as the first run did. */
function alreadyApplied<State, Event extends DomainEvent>(
  recorded: readonly RecordedEvent[],
  context: CommandContext,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
): HandleResult<State, Event> | undefined {
  const byId = new Map(recorded.map((event, index) => [event.id, index]));
  const mine: RecordedEvent[] = [];
  for (let i = 0; byId.has(context.eventId(i)); i++)
    mine.push(recorded[byId.get(context.eventId(i)) as number] as RecordedEvent);
  const last = mine[mine.length - 1];
  if (last === undefined) return undefined;
  const upTo = recorded.slice(0, (byId.get(last.id) as number) + 1);
  return {
    newState: upTo.reduce((s, e) => decider.evolve(s, e as unknown as Event), decider.initialState()),
    newEvents: mine.map((e) => ({ type: e.type, data: e.data }) as unknown as Event),
    nextExpectedRevision: lastRevision(recorded),
    position: last.position,
  };
}
