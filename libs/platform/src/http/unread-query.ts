import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ANY_QUERY } from './any-query';
import { RequestValidationError } from './validation.pipe';

interface RouteArgument {
  readonly data?: unknown;
}

/**
 * The query parameters a read route declares by name (`@Query('kind')`), or `undefined` when it
 * takes the whole query (`@Query() q: SomeQuery`), whose class then refuses what it does not declare.
 */
function declaredParameters(context: ExecutionContext): ReadonlySet<string> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as Record<string, RouteArgument>;
  const names = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof argument.data !== 'string') return undefined;
    names.add(argument.data);
  }
  return names;
}

/**
 * The conventional cache-buster (jQuery's `cache: false`, many monitors): a client adds it so no
 * cache answers in the server's stead, never to ask the server anything, so no route reads it.
 */
const CACHE_BUSTER = '_';

/**
 * The query without the cache-buster, in place of Express's own, which parses the URL again on
 * every read: the route, its query class and the audit entry then see the query as if it were
 * never sent.
 */
function dropCacheBuster(request: Request): Record<string, unknown> {
  const query = { ...((request.query ?? {}) as Record<string, unknown>) };
  if (!Object.prototype.hasOwnProperty.call(query, CACHE_BUSTER)) return query;
  delete query[CACHE_BUSTER];
  Object.defineProperty(request, 'query', { value: query, configurable: true, enumerable: true, writable: true });
  return query;
}

/**
 * A read that ignored a parameter would answer a question the client did not ask, as if it had
 * asked it: `GET /v1/audit/verify?anchors=…` said `ok` without checking the anchor. So a GET whose
 * route reads no query class is refused (400, `whitelistValidation`, naming each parameter) when it
 * carries a parameter the route does not read. Writes are left alone: a job upload reads its
 * parameters from the raw request. The cache-buster `_` is dropped from every read, and a route
 * marked `@AnyQuery()` (health and readiness) takes any query.
 */
export function refuseUnreadQuery(context: ExecutionContext): void {
  const request = context.switchToHttp().getRequest<Request>();
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const sent = Object.keys(dropCacheBuster(request));
  if (sent.length === 0) return;
  const anyQuery: unknown =
    Reflect.getMetadata(ANY_QUERY, context.getHandler()) ?? Reflect.getMetadata(ANY_QUERY, context.getClass());
  if (anyQuery === true) return;
  const declared = declaredParameters(context);
  if (declared === undefined) return;
  const unread = sent.filter((name) => !declared.has(name));
  if (unread.length === 0) return;
  throw new RequestValidationError(
    unread.map((field) => ({
      field,
      rule: 'whitelistValidation',
      message: `query parameter ${field} is not one this route reads`,
    })),
  );
}
