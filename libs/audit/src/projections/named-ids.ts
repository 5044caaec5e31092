/** The limits `returnedIds` (application/returned-ids.ts) applies; the trail must name exactly what it names. */
const MAX_DEPTH = 5;
const MAX_IDS = 5000;

/** Case and person ids an event's data names, in the order named, without repeats. */
export interface NamedIds {
  readonly caseIds: string[];
  readonly personIds: string[];
}

function add(ids: string[], id: string): void {
  if (ids.length < MAX_IDS && !ids.includes(id)) ids.push(id);
}

function visit(value: object, depth: number, into: NamedIds): void {
  if (Array.isArray(value)) {
    if (depth < MAX_DEPTH) {
      for (const item of value as unknown[])
        if (typeof item === 'object' && item !== null) visit(item, depth + 1, into);
    }
    return;
  }
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const inner = fields[key];
    if (typeof inner === 'string') {
      if (key === 'caseId') add(into.caseIds, inner);
      else if (key === 'personId' || key.endsWith('PersonId')) add(into.personIds, inner);
    } else if (typeof inner === 'object' && inner !== null && depth < MAX_DEPTH) visit(inner, depth + 1, into);
  }
}

/**
 * The ids `returnedIds` would find (`caseId`, `personId` and `…PersonId` string values, as deep
 * and as many), collected into `into` after emptying it. The projection calls this for every
 * event of the log, so it reuses one pair of arrays and allocates nothing for data naming none.
 */
export function collectNamedIds(data: object, into: NamedIds): NamedIds {
  into.caseIds.length = 0;
  into.personIds.length = 0;
  visit(data, 0, into);
  return into;
}
