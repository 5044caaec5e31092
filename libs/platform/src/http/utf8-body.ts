import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The error type the body reader's refusal carries, so the problem filter can name the rule. */
export const NOT_UTF8 = 'encoding.not-utf-8';

/** The advice a refused JSON command body carries: JSON has one encoding. */
export const JSON_UTF8_ADVICE = 'JSON must be sent as UTF-8';
/** The advice a refused upload carries: Excel's plain "CSV" is Windows-1252, which the reader decodes when told. */
export const UPLOAD_UTF8_ADVICE =
  'save the file as "CSV UTF-8", or declare its encoding (Content-Type: text/csv; charset=windows-1252)';

/**
 * A body-parser `verify` that refuses a body to be read as UTF-8 (declared, or by default when no
 * charset is given) whose bytes are not UTF-8. The reader would otherwise put U+FFFD in place of
 * each bad byte, and a name typed `Zoë` in Windows-1252 would be stored as `Zo�` for good, in an
 * immutable event, with nothing telling the sender. Other declared charsets are left to the reader.
 */
export function strictUtf8Body(advice: string) {
  return (_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string): void => {
    if (!/^utf-?8$/i.test(encoding) || isUtf8(body)) return;
    throw Object.assign(new Error(`the request body is not valid UTF-8: ${advice}`), { status: 400, type: NOT_UTF8 });
  };
}
