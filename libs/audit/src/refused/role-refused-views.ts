import { Inject, Injectable, Logger, type ExecutionContext, type ForbiddenException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUDITED_READ, type AuditedReadSpec } from '../../../platform/src/audit/audited-read';
import type { RoleRefusals } from '../../../platform/src/audit/role-refusals';
import type { AuthenticatedRequest } from '../../../platform/src/auth/authenticated-request';
import { uuidParam } from '../../../platform/src/http/uuid-param';
import { EventStoreReadAuditRecorder } from '../application/event-store-read-audit-recorder';
import { REFUSALS_AUDITED } from './refusals-audited';
import type { RefusedReadRecorder } from './refused-read';
import { recordRefusedView, refusedViewOf } from './refused-view';

/**
 * Records a view of a case or person that the guard refused for want of a role (an analyst asking
 * for a case), or a subject access report (`@RefusalsAudited`), with the same `access-refused`
 * entry as a refusal by the handler. The guard runs
 * before the route's pipes, so an id that is no UUID, which anyone holding the role would have had
 * refused as a 400, names no record and is not recorded; nor is a HEAD, which shows nothing.
 */
@Injectable()
export class RoleRefusedViews implements RoleRefusals {
  private readonly logger = new Logger('AuditTrail');

  constructor(
    private readonly reflector: Reflector,
    @Inject(EventStoreReadAuditRecorder) private readonly recorder: RefusedReadRecorder,
  ) {}

  async refused(context: ExecutionContext, refusal: ForbiddenException): Promise<void> {
    const spec =
      this.reflector.get<AuditedReadSpec | undefined>(AUDITED_READ, context.getHandler()) ??
      this.reflector.get<AuditedReadSpec | undefined>(REFUSALS_AUDITED, context.getHandler());
    if (spec === undefined || context.getType() !== 'http') return;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { id?: unknown }>();
    if (request.method === 'HEAD' || !(await namesWellFormedIds(spec, request))) return;
    await recordRefusedView(this.recorder, this.logger, refusedViewOf(spec, request, refusal));
  }
}

async function namesWellFormedIds(spec: AuditedReadSpec, request: AuthenticatedRequest): Promise<boolean> {
  const params = request.params as Record<string, unknown>;
  for (const name of [spec.caseIdParam, spec.personIdParam]) {
    if (name === undefined || params[name] === undefined) continue;
    try {
      await uuidParam(name).transform(params[name] as string, { type: 'param', data: name });
    } catch {
      return false;
    }
  }
  return true;
}
