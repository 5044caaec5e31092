import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { walkIds } from './returned-ids';

/**
 * Left where a part about someone else was: the subject's report must not carry another person's
 * data unless a person decides it may (DPA 2018 Sch 2 Part 3 para 16), so the rule withholds and
 * `manualReview` says where.
 */
export const WITHHELD = '[withheld pending review]';
export const THIRD_PARTY = 'third-party data: decide before disclosure';

export const PERSON_KEY = /(^p|P)ersonId$/;
export const PERSON_LIST_KEY = /(^p|P)ersonIds$/;
/** Children in a victim's household are named by name and date of birth, rarely by person id. */
const ALWAYS_THIRD_PARTY = new Set(['children']);
/** Plain fields a named person's extract may carry: dates and codes from fixed lists, never text. */
const DATE_KEY = /(At|Date|^dateOfBirth|^dueBy)$/;
const CODE_KEYS = new Set(['kind', 'type', 'role', 'status', 'code', 'panelCode', 'outcome', 'previously']);

/** A copy of `data` and the relative paths (`.details.perpetrator`) of the parts withheld from it. */
export interface Withheld<T = unknown> {
  readonly data: T;
  readonly paths: string[];
}

const namesOwn = (fields: Record<string, unknown>, ids: ReadonlySet<string>): boolean =>
  Object.entries(fields).some(([key, value]) => PERSON_KEY.test(key) && typeof value === 'string' && ids.has(value));
const namesOther = (fields: Record<string, unknown>, ids: ReadonlySet<string>): boolean =>
  Object.entries(fields).some(([key, value]) => PERSON_KEY.test(key) && typeof value === 'string' && !ids.has(value));

/**
 * An event of the subject's own case without what it records about others: an object naming
 * someone else by a person-id key and not the subject (a perpetrator, a child known as a person),
 * the children of the household, and another person's id beside the subject's, each replaced by
 * `WITHHELD`. The event's top level stays (its case, dates and the subject's own details).
 */
export function withoutThirdParties(data: unknown, ids: ReadonlySet<string>): Withheld {
  const paths: string[] = [];
  const visit = (value: unknown, path: string, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => visit(item, `${path}[${i}]`, false));
    if (typeof value !== 'object' || value === null) return value;
    const fields = value as Record<string, unknown>;
    if (!top && namesOther(fields, ids) && !namesOwn(fields, ids)) {
      paths.push(path);
      return WITHHELD;
    }
    return Object.fromEntries(
      Object.entries(fields).map(([key, field]) => {
        const at = `${path}.${key}`;
        const foreignId = PERSON_KEY.test(key) && typeof field === 'string' && !ids.has(field);
        if (ALWAYS_THIRD_PARTY.has(key) || foreignId) {
          paths.push(at);
          return [key, WITHHELD];
        }
        if (PERSON_LIST_KEY.test(key) && Array.isArray(field)) return [key, ownIdsOnly(field, ids, at, paths)];
        return [key, visit(field, at, false)];
      }),
    );
  };
  return { data: visit(data, '', true), paths };
}

/** `list` with every id not of the person withheld, each noted under `path`. */
export function ownIdsOnly(
  list: readonly unknown[],
  ids: ReadonlySet<string>,
  path: string,
  paths: string[],
): unknown[] {
  return list.map((item, i) => {
    if (typeof item === 'string' && ids.has(item)) return item;
    paths.push(`${path}[${i}]`);
    return WITHHELD;
  });
}

/**
 * An identity event (a match proposed, rejected, a split) that names someone besides the subject:
 * its type, dates and scoring model and the subject's own ids only. Another person's id, the match levels (their
 * residence among them), the score and the reviewer's reason are the other person's too, and are
 * withheld; the stream, which may be named after the other person, too.
 */
export function identityEventAbout(event: RecordedEvent, ids: ReadonlySet<string>): Withheld<Record<string, unknown>> {
  const named = new Set<string>();
  walkIds(event.data, { caseId: () => undefined, personId: (id) => void named.add(id) });
  const data = event.data as Record<string, unknown>;
  if ([...named].every((id) => ids.has(id))) return { data, paths: [] };
  const paths: string[] = [];
  const kept = Object.entries(data).map(([key, value]): [string, unknown] => {
    // The matching model that scored a proposal names nobody: which model decided is the subject's to know.
    if (key === 'occurredAt' || key === 'model') return [key, value];
    if (PERSON_KEY.test(key) && typeof value === 'string' && ids.has(value)) return [key, value];
    if (PERSON_LIST_KEY.test(key) && Array.isArray(value)) return [key, ownIdsOnly(value, ids, `.${key}`, paths)];
    paths.push(`.${key}`);
    return [key, WITHHELD];
  });
  return { data: Object.fromEntries(kept), paths };
}

export interface NamedPart {
  readonly path: string;
  readonly fields: Record<string, unknown>;
}

/**
 * The objects of `data` that name one of `ids` (`perpetrator: { personId, relationshipToVictim }`),
 * each with its plain fields: their own id, dates, codes and flags as held; any other plain field
 * (text such as a relationship described in words, which may say where someone lives, or another
 * person's id) as `WITHHELD`, listed in `withheld` for review. Nothing nested: a victim's details sit
 * beside a perpetrator's. `ids` pick the objects; only `shownIds` among them are shown as their own
 * (the id a referral recorded for a perpetrator whose record a split moved off that person picks
 * his part, but it is still the other person's id).
 */
export function partsAbout(
  data: unknown,
  ids: ReadonlySet<string>,
  path = '$',
  shownIds: ReadonlySet<string> = ids,
): (NamedPart & { withheld: string[] })[] {
  if (typeof data !== 'object' || data === null) return [];
  if (Array.isArray(data)) return data.flatMap((item, i) => partsAbout(item, ids, `${path}[${i}]`, shownIds));
  const fields = data as Record<string, unknown>;
  const nested = Object.entries(fields).flatMap(([key, value]) => partsAbout(value, ids, `${path}.${key}`, shownIds));
  if (!namesOwn(fields, ids)) return nested;
  const withheld: string[] = [];
  const plain = Object.entries(fields).filter(([, value]) => value === null || typeof value !== 'object');
  const shown = plain.map(([key, value]): [string, unknown] => {
    if (plainAndTheirs(key, value, shownIds)) return [key, value];
    withheld.push(key);
    return [key, WITHHELD];
  });
  return [{ path, fields: Object.fromEntries(shown), withheld }, ...nested];
}

function plainAndTheirs(key: string, value: unknown, ids: ReadonlySet<string>): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (PERSON_KEY.test(key)) return typeof value === 'string' && ids.has(value);
  return typeof value === 'string' && (DATE_KEY.test(key) || CODE_KEYS.has(key));
}
