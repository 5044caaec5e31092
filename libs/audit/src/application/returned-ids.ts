/** Ids found in a response body, to record what was returned without recording the content. */
export interface ReturnedIds {
  readonly caseIds: string[];
  readonly personIds: string[];
}

const MAX_DEPTH = 5;
const MAX_IDS = 5000;

/**
 * Collects `caseId`, `personId` and any `…PersonId` string values. Bounded in depth and count:
 * response bodies are ours and small, but an audit entry must never grow without limit.
 */
export function returnedIds(body: unknown): ReturnedIds {
  const caseIds = new Set<string>();
  const personIds = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (typeof inner === 'string') {
        if (key === 'caseId' && caseIds.size < MAX_IDS) caseIds.add(inner);
        else if ((key === 'personId' || key.endsWith('PersonId')) && personIds.size < MAX_IDS) personIds.add(inner);
      } else visit(inner, depth + 1);
    }
  };
  visit(body, 0);
  return { caseIds: [...caseIds], personIds: [...personIds] };
}

/** `total` when the body reports one, else the number of `items`. */
export function resultCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { total, items } = body as { total?: unknown; items?: unknown };
  if (typeof total === 'number') return total;
  return Array.isArray(items) ? items.length : undefined;
}
