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

/**
 * Nest turns the errors raised before any route is chosen (the JSON parser's SyntaxError, the
 * router's URIError) into a bare 400 carrying only the parser's words, which name neither the
 * part of the request at fault nor a rule a client can act on. A 400 on a request no route has
 * taken is one of those two: this names which.
 */
export function unroutedBadRequest(request: Request, detail: string): Problem | undefined {
  if ((request as { route?: unknown }).route !== undefined) return undefined;
  const [field, rule, message] = pathIsUndecodable(request.path ?? '')
    ? ['path', 'percent-encoding', 'the path is not valid percent-encoding']
    : ['body', 'json-object', 'request body is not a JSON object or array'];
  return {
    statusCode: 400,
    error: 'Bad Request',
    message: `${message} (${detail})`,
    rule,
    errors: [{ field, rule, message }],
  };
}
