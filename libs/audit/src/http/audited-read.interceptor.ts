import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, mergeMap, type Observable } from 'rxjs';
import { AUDITED_READ, type AuditedReadSpec } from '../../../platform/src/audit/audited-read';
import {
  PURPOSE_HEADER,
  PURPOSE_REQUIRED_ACTIONS,
  requirePurpose,
  type ReadAuditRecorder,
} from '../../../platform/src/audit/read-audit';
import type { AuthenticatedRequest } from '../../../platform/src/auth/authenticated-request';
import { accessBasis, type AuditedReadEntry } from '../application/access-basis';
import { EventStoreReadAuditRecorder } from '../application/event-store-read-audit-recorder';
import { returnedIds, resultCount, shownSubjects } from '../application/returned-ids';
import type { RefusedReadRecorder } from '../refused/refused-read';
import { pathParameters, recordRefusedView, refusedViewOf } from '../refused/refused-view';

/**
 * Runs for routes marked `@AuditedRead(...)`: after the handler, before the body is sent, refuses a
 * case or person view without a purpose (400) and writes the entry (503 when it cannot). A view of
 * a case or person the handler refused (403/404) is recorded as `access-refused`; if that entry
 * cannot be written the refusal still stands (nothing was shown) and a warning is logged. A
 * refusal by the guard, for want of a role, never reaches here: RoleRefusedViews records those.
 */
@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly reflector: Reflector,
    // The same instance as READ_AUDIT_RECORDER; by its class, since refusals are this context's own entries.
    @Inject(EventStoreReadAuditRecorder) private readonly recorder: ReadAuditRecorder & RefusedReadRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditedReadSpec | undefined>(AUDITED_READ, context.getHandler());
    if (spec === undefined || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
    // A HEAD is audited as its GET: its Content-Length and ETag answer the read (a name search's
    // size says whether the name is on the list), though it sends no body.
    return next.handle().pipe(
      // Before mergeMap: only the handler's refusals, not this interceptor's own 400 or 503.
      catchError((error: unknown) => this.refused(spec, request, error)),
      mergeMap(async (body: unknown) => {
        // Checked once the handler has found the record and the caller's access to it, so a
        // case of another panel still answers 404 like an unknown one; nothing is sent without it.
        const header = request.headers[PURPOSE_HEADER];
        const purpose =
          PURPOSE_REQUIRED_ACTIONS.has(spec.action) || header !== undefined ? requirePurpose(header) : undefined;
        const principal = request.principal;
        // The global guard sets it on every /v1 route; without one there is nobody to audit.
        if (principal === undefined) return body;
        const entry = this.entryFor(spec, request, body, principal, purpose);
        try {
          await this.recorder.record(entry);
        } catch (error) {
          this.logger.error(`read not served, audit entry not written: ${String(error)}`);
          throw new ServiceUnavailableException('The audit trail could not record this read, so it was not served');
        }
        return body;
      }),
    );
  }

  /** Records a refused view of a case or person, then answers with the refusal, recorded or not. */
  private async refused(
    spec: AuditedReadSpec,
    request: AuthenticatedRequest & { id?: unknown },
    error: unknown,
  ): Promise<never> {
    await recordRefusedView(this.recorder, this.logger, refusedViewOf(spec, request, error));
    throw error;
  }

  private entryFor(
    spec: AuditedReadSpec,
    request: AuthenticatedRequest & { id?: unknown },
    body: unknown,
    principal: NonNullable<AuthenticatedRequest['principal']>,
    purpose: string | undefined,
  ): AuditedReadEntry {
    const ids = returnedIds(body);
    const param = (name: string | undefined): string | undefined => {
      const value: unknown = name === undefined ? undefined : (request.params as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : undefined;
    };
    const caseId = param(spec.caseIdParam);
    const personId = param(spec.personIdParam);
    const caseIds = [...new Set([...(caseId === undefined ? [] : [caseId]), ...ids.caseIds])];
    const personIds = [...new Set([...(personId === undefined ? [] : [personId]), ...ids.personIds])];
    const query = request.query as Record<string, unknown>;
    const path = pathParameters(request.params as Record<string, unknown>);
    const count = resultCount(body);
    const access = accessBasis(spec.action, body);
    const subjects = shownSubjects(body);
    return {
      action: spec.action,
      principal,
      ...(purpose === undefined ? {} : { purpose }),
      ...(caseIds.length === 0 ? {} : { caseIds }),
      ...(personIds.length === 0 ? {} : { personIds }),
      ...(Object.keys(query).length === 0 ? {} : { parameters: { ...query } }),
      ...(path === undefined ? {} : { pathParameters: path }),
      ...(count === undefined || spec.action === 'case-viewed' ? {} : { resultCount: count }),
      ...(spec.subject === undefined ? {} : { subject: spec.subject }),
      ...(access === undefined ? {} : { access }),
      ...(Object.keys(subjects).length === 0 ? {} : { caseSubjects: subjects }),
      ...(typeof request.id === 'string' ? { correlationId: request.id } : {}),
    };
  }
}
