import { createHash } from 'node:crypto';
import { canonicalJson } from '../../event-store/src/shared/canonical-json';

/**
 * A digest of what a job was asked to do, independent of the job's id: the same kind and input
 * (a retry, a resumed run, or the same file uploaded again) give the same digest.
 */
export function jobInputDigest(kind: string, input: unknown): string {
  return createHash('sha256').update(kind).update('\0').update(canonicalJson(input)).digest('hex');
}

/**
 * A name-based uuid (version 5 layout, SHA-256 instead of SHA-1) from the input digest and a key
 * such as "row-17/0". Lowercase, because the store accepts only lowercase uuids.
 */
export function deterministicEventId(inputDigest: string, key: string): string {
  const bytes = createHash('sha256').update(inputDigest).update('\0').update(key).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
