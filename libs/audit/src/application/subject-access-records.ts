import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { walkIds } from './returned-ids';
import { ownIdsOnly, PERSON_KEY, PERSON_LIST_KEY, WITHHELD, type Withheld } from './third-party';

const PERSON_STREAM = 'person-';
/** Streams named after the person whose records they hold. */
const PERSON_NAMED_STREAMS = [PERSON_STREAM, 'identity-'];
/** How a linked record compared with the records of the person it joined: measured on theirs too. */
const LINK_MEASURES = new Set(['score', 'levels', 'identifierAgreement']);

/** A `person-split` event's data as the log holds it, each field checked where it is read. */
export interface SplitData {
  readonly personId?: unknown;
  readonly intoPersonId?: unknown;
  readonly restored?: unknown;
  readonly recordIds?: unknown;
  readonly caseIds?: unknown;
  readonly mergedWhileOne?: unknown;
}

/** The strings of a list in an event's data; none when it is no list. */
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The record an event is about: a link's or its new details' `recordId`, and for a person stream
 * the registration, whose record id is the person id it registered.
 */
export function recordOf(event: RecordedEvent): string | undefined {
  if (event.stream.startsWith(PERSON_STREAM)) return event.stream.slice(PERSON_STREAM.length);
  const recordId = (event.data as { recordId?: unknown } | null)?.recordId;
  return typeof recordId === 'string' ? recordId : undefined;
}

/**
 * Whether a stream may be shown to the person: `identity-<id>` and `person-<id>` name whoever the
 * records were first linked to or registered as, which after a split is someone else.
 */
export function streamOfTheirs(stream: string, ids: ReadonlySet<string>): boolean {
  const prefix = PERSON_NAMED_STREAMS.find((p) => stream.startsWith(p));
  return prefix === undefined || ids.has(stream.slice(prefix.length));
}

/** Where each record the person's splits moved went last (`splits` in log order). */
function lastMoves(splits: readonly RecordedEvent[]): Map<string, { from: string; into: string }> {
  const moves = new Map<string, { from: string; into: string }>();
  for (const split of splits) {
    const { personId: from, intoPersonId: into, recordIds } = split.data as SplitData;
    if (typeof from !== 'string' || typeof into !== 'string') continue;
    for (const recordId of strings(recordIds)) moves.set(recordId, { from, into });
  }
  return moves;
}

/** The records of a person as splits left them: those moved to them from someone else, and those moved off them. */
export interface RecordsMoved {
  /** Moved to them: each with the person it was moved off (whose stream may hold what was recorded on it). */
  readonly onto: ReadonlyMap<string, string>;
  readonly off: ReadonlySet<string>;
}

/**
 * Which records the splits in the person's trail moved onto them and off them. The person index,
 * where built, has the last word (`held`: the records they hold now); before it has seen a split,
 * the split itself does.
 */
export function recordsMoved(
  splits: readonly RecordedEvent[],
  ids: ReadonlySet<string>,
  held: ReadonlySet<string> | undefined,
): RecordsMoved {
  const onto = new Map<string, string>();
  const off = new Set<string>();
  for (const [recordId, { from, into }] of lastMoves(splits)) {
    const theirs = held?.has(recordId) ?? ids.has(into);
    if (theirs && !ids.has(from)) onto.set(recordId, from);
    else if (!theirs && ids.has(from)) off.add(recordId);
  }
  return { onto, off };
}

/**
 * An event about a record the person holds now that was written naming someone else (the person
 * the record was wrongly linked to): what it records of the record (its details, new details, the
 * case they came through, dates) is theirs; the other person's id, how the record compared with
 * that person's records (score, levels, identifier agreement) and the stream named after them are
 * withheld, the paths (`.stream`, `.data.personId`) returned for review.
 */
export function heldRecordEvent(event: RecordedEvent, ids: ReadonlySet<string>): Withheld<Record<string, unknown>> {
  const data = event.data as Record<string, unknown>;
  let othersNamed = false;
  walkIds(data, { caseId: () => undefined, personId: (id) => void (othersNamed ||= !ids.has(id)) });
  const paths: string[] = streamOfTheirs(event.stream, ids) ? [] : ['.stream'];
  if (!othersNamed) return { data, paths };
  const kept = Object.entries(data).map(([key, value]): [string, unknown] => {
    if (PERSON_LIST_KEY.test(key) && Array.isArray(value)) return [key, ownIdsOnly(value, ids, `.data.${key}`, paths)];
    const foreignId = PERSON_KEY.test(key) && !(typeof value === 'string' && ids.has(value));
    if (!foreignId && !LINK_MEASURES.has(key)) return [key, value];
    paths.push(`.data.${key}`);
    return [key, WITHHELD];
  });
  return { data: Object.fromEntries(kept), paths };
}
