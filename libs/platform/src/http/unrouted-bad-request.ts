import type { Request } from 'express';
import type { Problem } from './problem';

/** A path Express could not percent-decode: `decodeURIComponent` throws on it as the router did. */
function pathIsUndecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Only a body declared as JSON goes through the JSON parser, whose SyntaxError this would be. */
const declaresJson = (request: Request): boolean => /json/i.test(String(request.headers?.['content-type'] ?? ''));

/** The body reader's 400s (http-errors carrying a `type`), each with the field and rule it means. */
const BODY_READ_FAILURES: Record<string, readonly [rule: string, message: string]> = {
  'entity.parse.failed': ['json-object', 'request body is not a JSON object or array'],
  'request.aborted': ['body-complete', 'the request body was cut off before it ended'],
  'request.size.invalid': ['content-length', 'the request body does not match its Content-Length'],
};

const badRequest = (field: string, rule: string, message: string, detail: string): Problem => ({
  statusCode: 400,
  error: 'Bad Request',
  message: `${message} (${detail})`,
  rule,
  errors: [{ field, rule, message }],
});

/**
 * Nest turns the errors raised before any route is chosen (the JSON parser's SyntaxError, the
 * router's URIError) into a bare 400 carrying only the parser's words, which name neither the
 * part of the request at fault nor a rule a client can act on. This names which, and only when
 * the request shows it: any other unrouted 400 keeps its own words rather than a wrong label.
 */
export function unroutedBadRequest(request: Request, detail: string): Problem | undefined {
  if ((request as { route?: unknown }).route !== undefined) return undefined;
  if (pathIsUndecodable(request.path ?? ''))
    return badRequest('path', 'percent-encoding', 'the path is not valid percent-encoding', detail);
  if (declaresJson(request)) return badRequest('body', ...BODY_READ_FAILURES['entity.parse.failed']!, detail);
  return undefined;
}

/** A 400 from the body reader itself (cut short, wrong length), named by its `type`. */
export function bodyReadBadRequest(type: unknown, detail: string): Problem | undefined {
  const known = typeof type === 'string' ? BODY_READ_FAILURES[type] : undefined;
  return known === undefined ? undefined : badRequest('body', ...known, detail);
}
