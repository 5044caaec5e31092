import type { Request } from 'express';
import type { Problem } from './problem';

/** Text Express could not percent-decode: `decodeURIComponent` throws on it as the router did. */
function isUndecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return false;
  } catch {
    return true;
  }
}

/** Stands in for an undecodable segment, so that the route it sits in can still be matched. */
const SEGMENT_MARK = 'undecodable-segment';

interface RouterLayer {
  readonly route?: { readonly methods?: Record<string, boolean> };
  match(path: string): false | { readonly params: Record<string, unknown> };
}

/**
 * Which path parameter of which route holds the undecodable text, found as the router would have
 * matched the path had it decoded: the client learns which id it mangled, as for any other bad id.
 */
function undecodableParameter(request: Request): string | undefined {
  const app = request.app as unknown as { router?: { stack?: readonly RouterLayer[] } } | undefined;
  const stack = app?.router?.stack ?? [];
  const marked = (request.path ?? '')
    .split('/')
    .map((segment) => (isUndecodable(segment) ? SEGMENT_MARK : segment))
    .join('/');
  const method = (request.method ?? '').toLowerCase();
  for (const layer of stack) {
    const methods = layer.route?.methods;
    if (methods === undefined || (methods[method] !== true && methods['_all'] !== true)) continue;
    const matched = layer.match(marked);
    const name = matched ? Object.keys(matched.params).find((key) => matched.params[key] === SEGMENT_MARK) : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
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
  if (isUndecodable(request.path ?? '')) {
    const parameter = undecodableParameter(request);
    return parameter === undefined
      ? badRequest('path', 'percent-encoding', 'the path is not valid percent-encoding', detail)
      : badRequest(parameter, 'percent-encoding', `${parameter} is not valid percent-encoding`, detail);
  }
  if (declaresJson(request)) return badRequest('body', ...BODY_READ_FAILURES['entity.parse.failed']!, detail);
  return undefined;
}

/** A 400 from the body reader itself (cut short, wrong length), named by its `type`. */
export function bodyReadBadRequest(type: unknown, detail: string): Problem | undefined {
  const known = typeof type === 'string' ? BODY_READ_FAILURES[type] : undefined;
  return known === undefined ? undefined : badRequest('body', ...known, detail);
}
