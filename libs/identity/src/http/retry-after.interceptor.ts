import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';
import { RETRY_AFTER_SECONDS } from '../application/person-index-currency';

/**
 * A 503 from the people routes means the person index is behind the log or being rebuilt: it
 * passes, so the client is told when to try again (as read-your-writes timeouts do).
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const response = context.switchToHttp().getResponse<Response>();
        if (error instanceof ServiceUnavailableException && !response.headersSent)
          response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        return throwError(() => error);
      }),
    );
  }
}
