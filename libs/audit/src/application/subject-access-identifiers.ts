import { IDENTIFIER_KIND_OF_FIELD } from '../../../case-lifecycle/src/domain/events/person-events';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { normaliseIdentifier, type IdentifierKind } from '../../../identity/src/domain/identifiers';
import { recordOf, strings } from './subject-access-records';
import { WITHHELD, type Withheld } from './third-party';

/** Records hold identifiers under their own keys (`nhs`); the identity context names its rules as the API does (`nhsNumber`). */
const KIND_OF_KEY: Readonly<Record<string, IdentifierKind>> = IDENTIFIER_KIND_OF_FIELD;
/** Where a record's identifiers stand in its events: as registered or linked, and as recorded since. */
const IDENTIFIERS_AT = ['details', 'changes'] as const;

/**
 * Identifiers are stored as given, and the identity context holds `1979/0007912B` and `79/7912B` as one
 * PNC ID: compared in its canonical form, so no other spelling of a removed value escapes. A value its
 * rules refuse (one recorded before the checks) still compares without spaces or case.
 */
const canonical = (key: string, value: string): string => {
  const kind = KIND_OF_KEY[key];
  return (kind === undefined ? undefined : normaliseIdentifier(kind, value)) ?? value.replace(/\s+/g, '').toUpperCase();
};

/** For each record, each identifier key's values the log has said are not its person's (canonical). */
export type DisownedIdentifiers = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

const objectAt = (data: unknown, key: string): Record<string, unknown> | undefined => {
  const value = (data as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
};

/**
 * The kinds a correction (identifiers set, with the `reason` one must give) replaced with another
 * value: it says the value the record held was wrong, as a removal does. The same value in another
 * spelling (`79/7912B` for `1979/0007912B`) is no replacement, nor a kind the record held none of,
 * nor details given without a reason (before one was asked for): none says a value was wrong.
 */
function replacedKinds(
  data: unknown,
  set: Record<string, unknown>,
  held: ReadonlyMap<string, string> | undefined,
): string[] {
  const reason = (data as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '') return [];
  return Object.entries(set).flatMap(([key, value]) => {
    const before = held?.get(key);
    const replaced =
      typeof value === 'string' &&
      value !== '' &&
      before !== undefined &&
      canonical(key, value) !== canonical(key, before);
    return replaced ? [key] : [];
  });
}

/**
 * The identifier values the person's events (in any order) say were not theirs: the value a record
 * held when a coordinator removed it as recorded in error (`identifiersRemoved`) or replaced it
 * through a correction (`replacedKinds`). One recorded on the record again since is theirs again.
 * A split's `identifiersInError` is not read: it says a value was on both sides in error, not which
 * side it belongs to (the victim's record may be the one moved off the nominal registered first
 * with her number), and the correction of the wrong record, which the coordinator makes next, does.
 */
export function disownedIdentifiers(events: readonly RecordedEvent[]): DisownedIdentifiers {
  const held = new Map<string, Map<string, string>>();
  const disowned = new Map<string, Map<string, Set<string>>>();
  const disown = (record: string, key: string) => {
    const value = held.get(record)?.get(key);
    if (value === undefined) return;
    const byKey = entry(disowned, record, () => new Map<string, Set<string>>());
    entry(byKey, key, () => new Set<string>()).add(canonical(key, value));
  };
  const recorded = (record: string, identifiers: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(identifiers)) {
      if (typeof value !== 'string' || value === '') continue;
      entry(held, record, () => new Map<string, string>()).set(key, value);
      disowned.get(record)?.get(key)?.delete(canonical(key, value));
    }
  };
  for (const event of [...events].sort((a, b) => (a.position < b.position ? -1 : 1))) {
    const record = recordOf(event);
    if (record === undefined) continue;
    const registered = objectAt(objectAt(event.data, 'details'), 'identifiers');
    if (registered !== undefined) {
      held.set(record, new Map());
      recorded(record, registered);
    }
    const set = objectAt(objectAt(event.data, 'changes'), 'identifiers') ?? {};
    const removed = strings((event.data as { identifiersRemoved?: unknown } | null)?.identifiersRemoved);
    // Before this event's values are applied: what it disowns is what the record held until then.
    for (const key of [...removed, ...replacedKinds(event.data, set, held.get(record))]) disown(record, key);
    recorded(record, set);
    for (const key of removed) held.get(record)?.delete(key);
  }
  return disowned;
}

function entry<K, V>(map: Map<K, V>, key: K, made: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const value = made();
  map.set(key, value);
  return value;
}

/**
 * The event's data (`data`, as the report has it so far) without the identifier values the log
 * says are not its record's person's: each replaced by `WITHHELD`, its path (`.details.identifiers.pnc`)
 * returned for review, as for other third-party data. The event's other values are left as they are.
 */
export function withoutDisownedIdentifiers(
  event: RecordedEvent,
  data: unknown,
  disowned: DisownedIdentifiers,
): Withheld {
  const record = recordOf(event);
  const notTheirs = record === undefined ? undefined : disowned.get(record);
  if (notTheirs === undefined || typeof data !== 'object' || data === null) return { data, paths: [] };
  const paths: string[] = [];
  const kept: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const at of IDENTIFIERS_AT) {
    const identifiers = objectAt(objectAt(kept, at), 'identifiers');
    if (identifiers === undefined) continue;
    const withheld = Object.entries(identifiers).map(([key, value]): [string, unknown] => {
      if (typeof value !== 'string' || !notTheirs.get(key)?.has(canonical(key, value))) return [key, value];
      paths.push(`.${at}.identifiers.${key}`);
      return [key, WITHHELD];
    });
    kept[at] = { ...objectAt(kept, at), identifiers: Object.fromEntries(withheld) };
  }
  return { data: paths.length === 0 ? data : kept, paths };
}
