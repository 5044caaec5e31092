/** Ids found in a response body, to record what was returned without recording the content. */
export interface ReturnedIds {
  readonly caseIds: string[];
  readonly personIds: string[];
}

const MAX_DEPTH = 5;
/** Most ids of each kind one body or event is recorded as naming. */
export const MAX_IDS = 5000;

/** Where `walkIds` hands the ids it meets; each caller keeps its own limit and repeats rule. */
export interface IdSink {
  caseId(id: string): void;
  personId(id: string): void;
}

const isPersonKey = (key: string): boolean => key === 'personId' || key.endsWith('PersonId');
const isPersonListKey = (key: string): boolean => key === 'personIds' || key.endsWith('PersonIds');
/**
 * Lists of case ids: `caseIds`, and a meeting held's `casesDiscussed` (the cases the panel
 * discussed: without it, that a panel discussed her case was in no case's or person's trail).
 */
const isCaseListKey = (key: string): boolean => key === 'caseIds' || key === 'casesDiscussed';

/**
 * Meets every `caseId`, `personId` and `…PersonId` string value of `value`, and every string of a
 * `caseIds`, `casesDiscussed`, `personIds` or `…PersonIds` array (a match review names its pair as
 * `personIds`), in document order, at most `MAX_DEPTH` levels down: bodies and events are ours and small, but an
 * audit entry must never grow without limit. The read audit and the audit trail projection both
 * walk with this, so an entry names exactly what the response or the event named.
 */
export function walkIds(value: unknown, sink: IdSink, depth = 0): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) walkIds(item, sink, depth + 1);
    return;
  }
  const fields = value as Record<string, unknown>;
  // for-in, not Object.entries: the projection walks every event of the log, and this allocates nothing.
  for (const key in fields) {
    const inner = fields[key];
    if (typeof inner === 'string') {
      if (key === 'caseId') sink.caseId(inner);
      else if (isPersonKey(key)) sink.personId(inner);
    } else if (Array.isArray(inner) && (isCaseListKey(key) || isPersonListKey(key))) {
      walkIdList(inner as unknown[], isCaseListKey(key), sink, depth);
    } else walkIds(inner, sink, depth + 1);
  }
}

/** Each string of an id list counts as one id under the singular key would, at the same depth. */
function walkIdList(list: readonly unknown[], cases: boolean, sink: IdSink, depth: number): void {
  for (const item of list) {
    if (typeof item !== 'string') walkIds(item, sink, depth + 2);
    else if (cases) sink.caseId(item);
    else sink.personId(item);
  }
}

/** The ids a response body names, each once, in the order first met. */
export function returnedIds(body: unknown): ReturnedIds {
  const caseIds = new Set<string>();
  const personIds = new Set<string>();
  walkIds(body, {
    caseId: (id) => void (caseIds.size < MAX_IDS && caseIds.add(id)),
    personId: (id) => void (personIds.size < MAX_IDS && personIds.add(id)),
  });
  return { caseIds: [...caseIds], personIds: [...personIds] };
}

/**
 * For each case the body shows, the person it was shown as being about: the `personId` beside the
 * case's `caseId` in one object (a case view, an agenda item, a cohort row), the shallowest first.
 * Merges and splits change who a case is about; an auditor needs the id the reader actually saw.
 */
export function shownSubjects(body: unknown): Record<string, string> {
  const shown = new Map<string, string>();
  let level: unknown[] = [body];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if (typeof value !== 'object' || value === null) continue;
      // Pushed one by one: spreading a long list (a 100,000-item page, a file's buffer) as call
      // arguments overflows the stack, and the read would fail with a 500.
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) next.push(item);
        continue;
      }
      const { caseId, personId } = value as Record<string, unknown>;
      if (typeof caseId === 'string' && typeof personId === 'string' && !shown.has(caseId) && shown.size < MAX_IDS)
        shown.set(caseId, personId);
      for (const key in value) next.push((value as Record<string, unknown>)[key]);
    }
    level = next;
  }
  return Object.fromEntries(shown);
}

/** `total` when the body reports one, else the number of `items`. */
export function resultCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { total, items } = body as { total?: unknown; items?: unknown };
  if (typeof total === 'number') return total;
  return Array.isArray(items) ? items.length : undefined;
}
