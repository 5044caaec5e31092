import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../../../command-handling/src/command-context';
import { deterministicEventId as derivedUuid } from '../../../../jobs/src/deterministic-event-id';

/**
 * The ids one resolution writes under. A resolution appends to several streams (the person, key
 * claims, links, proposals); the caller's context names the events of one command, so each step
 * gets its own id space derived from it. With a job's deterministic context a retried row derives
 * the same ids (so the store recognises its earlier writes) and the same person and record ids
 * (so the resolver recognises a resolution it began and finishes it); otherwise all are random.
 */
export interface ResolutionIds {
  readonly deterministic: boolean;
  /** The id a person this resolution registers gets. */
  readonly personId: string;
  /** The id of the record this resolution links to a known person. */
  readonly recordId: string;
  /** The context one step appends with: its events named in that step's own id space. */
  step(name: string): CommandContext;
  /**
   * The id to register under instead of `setAsideId`, which a taker-over set aside: derived from it,
   * so a retried row follows the same ids to the person it registered in the end.
   */
  personIdAfter(setAsideId: string): string;
}

export function resolutionIds(context: CommandContext): ResolutionIds {
  const seed = context.deterministicIds === true ? context.eventId(0) : undefined;
  return {
    deterministic: seed !== undefined,
    personId: seed === undefined ? randomUUID() : derivedUuid(seed, 'person'),
    recordId: seed === undefined ? randomUUID() : derivedUuid(seed, 'record'),
    step: (name) => stepContext(context, name),
    personIdAfter: (setAsideId) =>
      seed === undefined ? randomUUID() : derivedUuid(seed, `person/after/${setAsideId}`),
  };
}

/** The context one step of a resolution appends with, in its own id space (see {@link ResolutionIds}). */
export function stepContext(context: CommandContext, name: string): CommandContext {
  if (context.deterministicIds !== true) return { ...context, eventId: () => randomUUID() };
  const seed = context.eventId(0);
  return { ...context, eventId: (index) => derivedUuid(seed, `${name}/${index}`) };
}
