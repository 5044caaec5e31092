import { createHash } from 'node:crypto';
import type { CohortImportEvent } from '../domain';

/**
 * Which upload of a month a file is: a SHA-256 of the month and the file's records (cells as read,
 * line breaks inside a quoted cell as LF), so the same rows saved again with CRLF line endings, a
 * byte-order mark or blank lines are the same file, not a corrected one.
 */
export function recordsDigest(month: string, records: readonly (readonly string[])[]): string {
  const canonical = records.map((cells) => cells.map((cell) => cell.replace(/\r\n?/g, '\n')));
  return createHash('sha256').update(month).update('\0records\0').update(JSON.stringify(canonical)).digest('hex');
}

/** How imports were named before records were digested: the raw text, byte for byte. */
export function textDigest(month: string, csv: string): string {
  return createHash('sha256').update(month).update('\0').update(csv).digest('hex');
}

/**
 * The digest this upload goes by. The same bytes as an upload recorded under the text digest (a
 * store from before) keep that name, so its completed import answers again and a cancelled one is
 * resumed as one upload, its pending rows released by the same completion.
 */
export function fileDigestFor(
  month: string,
  csv: string,
  records: readonly (readonly string[])[],
  recorded: readonly CohortImportEvent[],
): string {
  const byText = textDigest(month, csv);
  return recorded.some((event) => event.data.fileDigest === byText) ? byText : recordsDigest(month, records);
}
