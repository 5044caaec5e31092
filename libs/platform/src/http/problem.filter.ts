import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Rejection, type RejectionKind } from '../../../command-handling/src/rejections';
import {
  EventIdConflictError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedRevisionError,
} from '../../../event-store/src/port/errors';
import type { Problem } from './problem';
import { bodyEncodingProblem, bodyTooLargeProblem } from './request-body-media';
import { bodyReadBadRequest, unroutedBadRequest } from './unrouted-bad-request';
import { RetryLaterException } from './retry-later';

const STATUS_OF_REJECTION: Record<RejectionKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'rule-refused': HttpStatus.UNPROCESSABLE_ENTITY,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const reason = (status: number): string => REASON[status] ?? 'Error';

/** Body-parser errors are plain errors carrying a status; they are the client's fault, not ours. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * Maps every expected failure onto one HTTP status, in one place. Anything unexpected becomes a
 * 500 without internals: stack traces go to the log, never to the client.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: unknown }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(error, request);
    const correlationId = typeof request.id === 'string' ? request.id : undefined;
    // A 503 is expected (a view being rebuilt, a read-your-writes wait that ran out) and the client
    // is told to retry: a warning without a stack, so real failures stand out among the errors.
    if (problem.statusCode === 503) {
      // The store's own words (which server, which SQLite code) are for operators, not clients.
      const cause = error instanceof EventStoreUnavailableError ? `: ${error.message}` : '';
      this.logger.warn(
        `503 ${problem.message}${cause}${correlationId === undefined ? '' : ` (correlation ${correlationId})`}`,
      );
    } else if (problem.statusCode >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    // Every 503 here is temporary (a view being built, a wait that ran out): say when to come back,
    // unless the route already did.
    if (problem.statusCode === 503 && response.getHeader('Retry-After') === undefined) {
      response.setHeader('Retry-After', String(error instanceof RetryLaterException ? error.retryAfterSeconds : 1));
    }
    response.status(problem.statusCode).json({ ...problem, ...(correlationId === undefined ? {} : { correlationId }) });
  }

  private toProblem(error: unknown, request: Request): Problem {
    if (error instanceof Rejection) {
      const statusCode = STATUS_OF_REJECTION[error.kind];
      return {
        statusCode,
        error: reason(statusCode),
        message: error.message,
        rule: error.rule,
        ...(error.details.length > 0
          ? { errors: error.details.map((d) => ({ field: d.field ?? '', rule: d.rule, message: d.message })) }
          : {}),
      };
    }
    if (error instanceof WrongExpectedRevisionError) {
      // The client pinned a revision with If-Match: that is a failed precondition, not a race we lost.
      const pinned = request.headers['if-match'] !== undefined;
      const statusCode = pinned ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
      return {
        statusCode,
        error: reason(statusCode),
        message: pinned
          ? `the resource has changed since revision ${String(error.expected)}; re-read it and try again`
          : 'another change to this record was made at the same time; re-read it and try again',
        rule: 'expected-revision',
        expectedRevision: typeof error.expected === 'bigint' ? error.expected.toString() : error.expected,
        actualRevision: typeof error.actual === 'bigint' ? error.actual.toString() : error.actual,
      };
    }
    if (error instanceof EventStoreUnavailableError) {
      // A leader election, a timeout or a busy database file: temporary, and the client may retry.
      return {
        statusCode: 503,
        error: reason(503),
        message: 'the event store is unavailable; retry shortly',
        rule: 'event-store-unavailable',
      };
    }
    if (error instanceof EventIdConflictError) {
      return { statusCode: 409, error: reason(409), message: error.message, rule: 'event-id-reused' };
    }
    if (error instanceof InvalidAppendError) {
      return { statusCode: 400, error: reason(400), message: error.message, rule: 'invalid-append' };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      const body = error.getResponse();
      const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
      const message =
        typeof fields.message === 'string'
          ? fields.message
          : Array.isArray(fields.message)
            ? fields.message.join('; ')
            : error.message;
      const unrouted =
        statusCode === 400 && fields.errors === undefined ? unroutedBadRequest(request, message) : undefined;
      return unrouted ?? { ...fields, statusCode, error: reason(statusCode), message };
    }
    const clientStatus = clientErrorStatus(error);
    if (clientStatus !== undefined) {
      const named = bodyEncodingProblem(error as object, request) ?? bodyTooLargeProblem(error as object);
      if (named !== undefined) return named;
      const type = (error as { type?: unknown }).type;
      const message =
        type === 'entity.parse.failed'
          ? 'request body is not valid JSON'
          : error instanceof Error
            ? error.message
            : 'bad request';
      const read = clientStatus === 400 ? bodyReadBadRequest(type, message) : undefined;
      return read ?? { statusCode: clientStatus, error: reason(clientStatus), message };
    }
    return {
      statusCode: 500,
      error: reason(500),
      message: 'internal error; the correlation id identifies it in the logs',
    };
  }
}
