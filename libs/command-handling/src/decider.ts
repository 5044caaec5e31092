/**
 * A pure decision model (the decider pattern): no I/O, no clock, no ids generated inside.
 * Everything time- or identity-dependent arrives on the command.
 */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** Returns the events the command causes, or throws a {@link Rejection}. */
  readonly decide: (command: Command, state: State) => readonly Event[];
}

export function evolveAll<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
