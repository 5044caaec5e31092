import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import type { Problem } from './problem';

/**
 * What the body parsers installed by the API read. Kept in words here because the parsers say
 * nothing when they skip a body: the client must learn what to send instead.
 */
const READABLE_BODIES = 'application/json (job uploads: text/csv or text/plain)';
const READABLE_ENCODINGS = 'gzip, deflate, br or identity';

const problem = (statusCode: number, field: string, rule: string, message: string): Problem => ({
  statusCode,
  error: statusCode === 415 ? 'Unsupported Media Type' : 'Bad Request',
  message,
  rule,
  errors: [{ field, rule, message }],
});

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
};

/** A body that arrived in full with nothing in it is no body, whatever its headers say. */
function carriesContent(request: Request): boolean {
  const length = header(request, 'content-length');
  if (length !== undefined) return length.trim() !== '0';
  if (header(request, 'transfer-encoding') === undefined) return false;
  return !(request.complete && request.readableLength === 0);
}

/**
 * A request whose body no parser read (its Content-Type is not one the API reads) reaches its
 * route with `body` undefined, so the route sees "no fields" and either refuses them as missing
 * (a misleading 400) or, when every field is optional, acts without them. GET and HEAD bodies
 * mean nothing in HTTP and are left alone.
 */
export function unreadBodyProblem(request: Request): Problem | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (request.body !== undefined || !carriesContent(request)) return undefined;
  const contentType = header(request, 'content-type');
  const sent = contentType === undefined ? 'a body without a Content-Type' : `Content-Type "${contentType}"`;
  return problem(415, 'Content-Type', 'content-type', `${sent} is not one this API reads; send ${READABLE_BODIES}`);
}

/** For the write path: a command never goes ahead on a body nobody read. */
export function refuseUnreadBody(request: Request): void {
  const refused = unreadBodyProblem(request);
  if (refused !== undefined) throw new HttpException(refused, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

/**
 * The body reader's refusals about how the body was encoded: an unknown Content-Encoding or
 * charset (415) and a body that does not decompress as its Content-Encoding says (400; zlib
 * reports it with a `Z_…` code and the reader's message is a bare "Bad Request").
 */
export function bodyEncodingProblem(error: object, request: Request): Problem | undefined {
  const { type, code, encoding, charset } = error as Record<string, unknown>;
  if (type === 'encoding.unsupported')
    return problem(
      415,
      'Content-Encoding',
      'content-encoding',
      `Content-Encoding "${String(encoding)}" is not supported; send ${READABLE_ENCODINGS}`,
    );
  if (type === 'charset.unsupported')
    return problem(415, 'Content-Type', 'charset', `charset "${String(charset)}" is not supported; send utf-8`);
  const declared = header(request, 'content-encoding');
  if (typeof code === 'string' && code.startsWith('Z_') && declared !== undefined)
    return problem(
      400,
      'body',
      'content-encoding',
      `the request body is not valid ${declared} data, as its Content-Encoding says it is`,
    );
  return undefined;
}
