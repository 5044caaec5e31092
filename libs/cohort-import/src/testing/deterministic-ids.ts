import { createHash } from 'node:crypto';

/** What a job runner gives an import: uuids derived from the job's input and a key. */
export function eventIdsFor(input: unknown): (key: string) => string {
  const digest = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  return (key) => {
    const bytes = createHash('sha256').update(digest).update('\0').update(key).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
