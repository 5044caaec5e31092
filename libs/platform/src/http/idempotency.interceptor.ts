import {
  BadRequestException,
  ConflictException,
  HttpStatus,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { catchError, of, tap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { IdempotencyStore } from './idempotency-store';
import { fieldProblem } from './problem';

const REPLAYED_HEADERS = ['x-position', 'etag', 'location'];
const MAX_KEY_LENGTH = 200;
const KEY_TOO_LONG = [
  'Idempotency-Key',
  'max-length',
  `Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters`,
] as const;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on POST: the same key and body replay the first response; the same key
 * with another request (path or body) is refused (422), as the key then names two different
 * intentions. A key longer than 200 characters is refused (400 naming the header).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (request.method !== 'POST' || key === undefined || key === '' || request.principal === undefined)
      return next.handle();
    // A malformed header is refused as If-Match and X-Min-Position are: 400 naming the header.
    if (key.length > MAX_KEY_LENGTH) throw new BadRequestException(fieldProblem(400, 'Bad Request', ...KEY_TOO_LONG));
    const caller = request.principal.id;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body)}`)
      .digest('hex');
    const previous = this.store.find(caller, key);
    if (previous !== undefined) return of(this.replay(previous, fingerprint, response));
    if (!this.store.begin(caller, key, fingerprint, new Date().toISOString())) {
      const raced = this.store.find(caller, key);
      if (raced !== undefined) return of(this.replay(raced, fingerprint, response));
    }
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    return next.handle().pipe(
      tap((body) => {
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = response.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        this.store.complete(caller, key, statusCode, headers, body);
      }),
      catchError((error: unknown) => {
        this.store.release(caller, key);
        return throwError(() => error);
      }),
    );
  }

  private replay(
    previous: { fingerprint: string; state: string; headers?: Record<string, string>; body?: unknown },
    fingerprint: string,
    response: Response,
  ): unknown {
    if (previous.fingerprint !== fingerprint) {
      throw new UnprocessableEntityException({
        message: 'this Idempotency-Key was already used with a different request (method, path or body)',
        rule: 'idempotency-key-reused',
      });
    }
    if (previous.state !== 'completed') {
      throw new ConflictException({
        message: 'a request with this Idempotency-Key is still in progress',
        rule: 'idempotency-key-in-progress',
      });
    }
    for (const [name, value] of Object.entries(previous.headers ?? {})) response.setHeader(name, value);
    response.setHeader('Idempotent-Replayed', 'true');
    return previous.body;
  }
}
