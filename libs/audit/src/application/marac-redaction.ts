export const REDACTED = '[redacted: MARAC]';

/**
 * Removes MARAC references from a subject access report on request: the ids of MARAC cases
 * (anywhere, also inside stream names), the panel code, and every meeting detail (any field
 * whose name mentions a meeting). The rest of what is held about the person stays.
 */
export function redactMarac(value: unknown, maracCaseIds: ReadonlySet<string>): unknown {
  const redactText = (text: string): string => {
    if (text.toUpperCase() === 'MARAC') return REDACTED;
    let result = text;
    for (const caseId of maracCaseIds) if (result.includes(caseId)) result = result.replaceAll(caseId, REDACTED);
    return result;
  };
  const visit = (inner: unknown): unknown => {
    if (typeof inner === 'string') return redactText(inner);
    if (Array.isArray(inner)) return inner.map(visit);
    if (typeof inner === 'object' && inner !== null) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).map(([key, field]) => [
          key,
          /meeting/i.test(key) ? REDACTED : visit(field),
        ]),
      );
    }
    return inner;
  };
  return visit(value);
}
