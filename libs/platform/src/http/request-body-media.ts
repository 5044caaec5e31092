import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import type { Problem } from './problem';
import { firstByteOrEnd, type BodyArrival } from './body-arrival';
import { READABLE_BODIES } from './readable-bodies';
import { bodyReadBadRequest } from './unrouted-bad-request';
import { NOT_UTF8 } from './utf8-body';

const READABLE_ENCODINGS = 'gzip, deflate, br or identity';

const REASON: Record<number, string> = { 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

const problem = (statusCode: number, field: string, rule: string, message: string): Problem => ({
  statusCode,
  error: REASON[statusCode] ?? 'Bad Request',
  message,
  rule,
  errors: [{ field, rule, message }],
});

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers?.[name];
  return Array.isArray(value) ? value[0] : value;
};

type BodyPresence = 'content' | 'none' | 'arriving';

/**
 * A body that arrived in full with nothing in it is no body, whatever its headers say. A chunked
 * body not yet ended with no byte so far cannot be told yet: its end may come in a later packet.
 */
function bodyPresence(request: Request): BodyPresence {
  const length = header(request, 'content-length');
  if (length !== undefined) return length.trim() !== '0' ? 'content' : 'none';
  if (header(request, 'transfer-encoding') === undefined) return 'none';
  if (request.readableLength > 0) return 'content';
  return request.complete ? 'none' : 'arriving';
}

const leftUnread = (request: Request): boolean =>
  request.method !== 'GET' && request.method !== 'HEAD' && request.body === undefined;

/**
 * A request whose body no parser read (its Content-Type is not one the API reads) reaches its
 * route with `body` undefined, so the route sees "no fields" and either refuses them as missing
 * (a misleading 400) or, when every field is optional, acts without them. GET and HEAD bodies
 * mean nothing in HTTP and are left alone. `arrived` is what a body that was still on its way
 * turned out to be (see firstByteOrEnd); without it, a body still on its way counts as content.
 */
export function unreadBodyProblem(request: Request, arrived?: BodyArrival): Problem | undefined {
  if (!leftUnread(request)) return undefined;
  const presence = arrived ?? bodyPresence(request);
  if (presence === 'none' || presence === 'ended-empty') return undefined;
  const contentType = header(request, 'content-type');
  const sent = contentType === undefined ? 'a body without a Content-Type' : `Content-Type "${contentType}"`;
  return problem(415, 'Content-Type', 'content-type', `${sent} is not one this API reads; send ${READABLE_BODIES}`);
}

const cutOff = (): HttpException =>
  new HttpException(bodyReadBadRequest('request.aborted', 'request aborted')!, HttpStatus.BAD_REQUEST);

/**
 * A command never goes ahead on a body nobody read (UnreadBodyGuard asks this of every route).
 * A chunked body still arriving is waited on until its end or first byte, so an empty one sent
 * in a later packet than the headers goes ahead as one sent with them does.
 */
export async function refuseUnreadBody(request: Request): Promise<void> {
  const waits = leftUnread(request) && bodyPresence(request) === 'arriving';
  const arrived = waits ? await firstByteOrEnd(request) : undefined;
  if (arrived === 'cut-off') throw cutOff();
  const refused = unreadBodyProblem(request, arrived);
  if (refused !== undefined) throw new HttpException(refused, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
}

/**
 * The body reader's refusals about how the body was encoded: an unknown Content-Encoding or
 * charset (415) and a body that does not decompress as its Content-Encoding says (400; zlib
 * reports it with a `Z_…` code and the reader's message is a bare "Bad Request"), and a body to be
 * read as UTF-8 whose bytes are not (400, rule `utf-8`: see strictUtf8Body).
 */
export function bodyEncodingProblem(error: object, request: Request): Problem | undefined {
  const { type, code, encoding, charset, message } = error as Record<string, unknown>;
  if (type === NOT_UTF8) return problem(400, 'body', 'utf-8', String(message));
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

const inUnits = (bytes: number): string =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)}mb`
    : bytes >= 1024 && bytes % 1024 === 0
      ? `${bytes / 1024}kb`
      : `${bytes} bytes`;

/**
 * The reader's 413 says only "request entity too large"; a client needs to know it was the body
 * and how much this route takes (JSON commands and job uploads have different limits).
 */
export function bodyTooLargeProblem(error: object): Problem | undefined {
  const { type, limit } = error as Record<string, unknown>;
  if (type !== 'entity.too.large') return undefined;
  const most = typeof limit === 'number' ? ` of ${inUnits(limit)}` : '';
  return problem(413, 'body', 'max-size', `the request body is larger than the limit${most} this route reads`);
}
