import type { Decider, DomainEvent } from '../decider';
import { Rejection, type RejectionKind } from '../rejections';

/**
 * Given/when/then for deciders: given past events, when a command, then the new events or a
 * rejection. Framework-free so it can sit beside the domain code it tests.
 */
export function deciderSpecification<State, Command, Event extends DomainEvent>(
  decider: Decider<State, Command, Event>,
) {
  return {
    given(...history: Event[]) {
      return {
        when(command: Command) {
          const run = (): readonly Event[] => {
            const state = history.reduce(decider.evolve, decider.initialState());
            return decider.decide(command, state);
          };
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toEqual(expected);
            },
            /** Asserts on the new events with a custom check (for partial matches). */
            thenEvents(check: (events: readonly Event[]) => void): void {
              check(run());
            },
            thenNothingHappens(): void {
              expect(run()).toEqual([]);
            },
            thenRejects(kind: RejectionKind, rule?: string): void {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(Rejection);
              expect((caught as Rejection).kind).toBe(kind);
              if (rule !== undefined) expect((caught as Rejection).rule).toBe(rule);
            },
          };
        },
      };
    },
  };
}
