import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { recordOf, strings } from './subject-access-records';
import { WITHHELD, type Withheld } from './third-party';

/**
 * A split names kinds as the API does (`nhsNumber`); records hold them under their own keys (`nhs`).
 * Read from the log as written, so kept here rather than taken from the identity context's types.
 */
const RECORD_KEY: Readonly<Record<string, string>> = {
  pnc: 'pnc',
  cro: 'cro',
  nhsNumber: 'nhs',
  noms: 'noms',
  crn: 'crn',
};
/** Where a record's identifiers stand in its events: as registered or linked, and as recorded since. */
const IDENTIFIERS_AT = ['details', 'changes'] as const;

/** Identifiers are stored as given: `1979/0009101u` and `1979/0009101U` are one value. */
const canonical = (value: string): string => value.replace(/\s+/g, '').toUpperCase();

/** For each record, each identifier key's values the log has said are not its person's (canonical). */
export type DisownedIdentifiers = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

const objectAt = (data: unknown, key: string): Record<string, unknown> | undefined => {
  const value = (data as Record<string, unknown> | null | undefined)?.[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
};

/**
 * The identifier values the person's events (theirs and the splits in their trail, in any order)
 * say were not theirs: one a coordinator removed from a record as recorded in error
 * (`identifiersRemoved`), and one of a kind a split stated in error (`identifiersInError`) on a
 * record it moved. Each is the value the record held then. One recorded on the record again
 * since is theirs again.
 */
export function disownedIdentifiers(events: readonly RecordedEvent[]): DisownedIdentifiers {
  const held = new Map<string, Map<string, string>>();
  const disowned = new Map<string, Map<string, Set<string>>>();
  const disown = (record: string, key: string) => {
    const value = held.get(record)?.get(key);
    if (value === undefined) return;
    const byKey = entry(disowned, record, () => new Map<string, Set<string>>());
    entry(byKey, key, () => new Set<string>()).add(canonical(value));
  };
  const recorded = (record: string, identifiers: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(identifiers)) {
      if (typeof value !== 'string' || value === '') continue;
      entry(held, record, () => new Map<string, string>()).set(key, value);
      disowned.get(record)?.get(key)?.delete(canonical(value));
    }
  };
  for (const event of [...events].sort((a, b) => (a.position < b.position ? -1 : 1))) {
    if (event.type === 'person-split') {
      const { recordIds, identifiersInError } = (event.data ?? {}) as Record<string, unknown>;
      for (const record of strings(recordIds))
        for (const kind of strings(identifiersInError))
          if (RECORD_KEY[kind] !== undefined) disown(record, RECORD_KEY[kind]);
      continue;
    }
    const record = recordOf(event);
    if (record === undefined) continue;
    const registered = objectAt(objectAt(event.data, 'details'), 'identifiers');
    if (registered !== undefined) {
      held.set(record, new Map());
      recorded(record, registered);
    }
    recorded(record, objectAt(objectAt(event.data, 'changes'), 'identifiers') ?? {});
    for (const key of strings((event.data as { identifiersRemoved?: unknown } | null)?.identifiersRemoved)) {
      disown(record, key);
      held.get(record)?.delete(key);
    }
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
      if (typeof value !== 'string' || !notTheirs.get(key)?.has(canonical(value))) return [key, value];
      paths.push(`.${at}.identifiers.${key}`);
      return [key, WITHHELD];
    });
    kept[at] = { ...objectAt(kept, at), identifiers: Object.fromEntries(withheld) };
  }
  return { data: paths.length === 0 ? data : kept, paths };
}
