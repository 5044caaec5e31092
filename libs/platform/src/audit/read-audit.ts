import { isUtf8 } from 'node:buffer';
import { CONTROL_OR_LINE_BREAK, type Principal } from '../auth/principal';
import { invalid } from '../../../command-handling/src/rejections';
import { fromWindows1252 } from './windows-1252';

/** Reads an auditor must be able to trace; writes are already events with their actor. */
export const READ_AUDIT_ACTIONS = ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'] as const;
export type ReadAuditAction = (typeof READ_AUDIT_ACTIONS)[number];

/** Views of one case or person must say why (`X-Purpose`); the other reads keep it when given. */
export const PURPOSE_REQUIRED_ACTIONS: ReadonlySet<ReadAuditAction> = new Set(['case-viewed', 'person-viewed']);
export const MAX_PURPOSE_LENGTH = 500;

/** What was read, by whom and why: ids and counts only, never the content returned. */
export interface ReadAuditEntry {
  readonly action: ReadAuditAction;
  readonly principal: Principal;
  /** The caller's stated purpose (`X-Purpose`); required for case and person views. */
  readonly purpose?: string;
  readonly caseIds?: readonly string[];
  readonly personIds?: readonly string[];
  /** Search terms, report parameters or export filters, as the caller gave them. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The route's path parameters (the review, case, person or panel asked for), kept apart from the query. */
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly resultCount?: number;
  /** Report or export kind, e.g. `marac-repeat-rate`. */
  readonly subject?: string;
  readonly correlationId?: string;
}

/**
 * Records a read in the tamper-evident audit trail. Implemented by the audit context; other
 * contexts depend on this port only. A read whose audit entry cannot be written must fail.
 */
export interface ReadAuditRecorder {
  record(entry: ReadAuditEntry): Promise<void>;
}

export const READ_AUDIT_RECORDER = Symbol('ReadAuditRecorder');

export const PURPOSE_HEADER = 'x-purpose';

/** RFC 8187's form for text a browser cannot put in a header as bytes: `UTF-8''na%C3%AFve`. */
const PERCENT_ENCODED = /^utf-8''/i;

const notUtf8 = () =>
  invalid('X-Purpose', 'utf-8', "X-Purpose after UTF-8'' must be percent-encoded UTF-8 (UTF-8''na%C3%AFve)");

/**
 * The purpose as typed. Node hands a header value over as Latin-1, one character a byte, so the
 * UTF-8 that curl and most clients send for `naïve` arrives as `naÃ¯ve`; the trail keeps a purpose
 * for good, so bytes that are UTF-8 are read as UTF-8. Bytes that are not are read as
 * Windows-1252, the header's historical Latin-1 charset as clients send it: Python's http.client
 * and requests and Java (`café` as 0xE9), Windows (`“` as 0x93). A tab, which the user sees as a
 * space, becomes one; other control characters and line breaks are refused: they would forge
 * trail and CSV lines.
 */
function decodedPurpose(value: string): string {
  const purpose = readPurpose(value).replace(/\t/g, ' ');
  if (CONTROL_OR_LINE_BREAK.test(purpose)) {
    throw invalid('X-Purpose', 'no-control-characters', 'X-Purpose must not contain control characters or line breaks');
  }
  return purpose;
}

function readPurpose(value: string): string {
  if (PERCENT_ENCODED.test(value)) {
    try {
      return decodeURIComponent(value.replace(PERCENT_ENCODED, ''));
    } catch {
      throw notUtf8();
    }
  }
  // Already text (a caller in this process, not Node's parser): nothing to read again.
  if (/[^\x00-\xff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : fromWindows1252(value);
}

/** Person and case views must say why; the purpose is kept in the audit trail with the view. */
export function requirePurpose(headerValue: string | readonly string[] | undefined): string {
  const value = (Array.isArray(headerValue) ? headerValue[0] : headerValue) as string | undefined;
  const purpose = value === undefined ? '' : decodedPurpose(value).trim();
  if (purpose === '') {
    throw invalid(
      'X-Purpose',
      'purpose-required',
      'X-Purpose header is required: state why you are viewing this record',
    );
  }
  if (purpose.length > MAX_PURPOSE_LENGTH) {
    throw invalid(
      'X-Purpose',
      `max-length-${MAX_PURPOSE_LENGTH}`,
      `X-Purpose must be at most ${MAX_PURPOSE_LENGTH} characters`,
    );
  }
  return purpose;
}

/**
 * The purpose a refused read kept, if any: none when absent or unreadable. The attempt is recorded
 * either way, and a purpose that is refused (control characters) must not reach the trail.
 */
export function statedPurpose(header: string | readonly string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return requirePurpose(header);
  } catch {
    return undefined;
  }
}
