/**
 * JSON text with object keys sorted at every depth, so two values that differ only in key order
 * (as happens when a retried request is rebuilt, or a store reorders keys) compare equal.
 * Expects JSON-compatible input: what JSON.parse returns.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Normalises a proposed value the way storing it would (drops `undefined`, turns Dates to strings). */
export function asStored(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}
