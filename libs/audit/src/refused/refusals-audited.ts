import { SetMetadata } from '@nestjs/common';
import type { AuditedReadOptions, AuditedReadSpec } from '../../../platform/src/audit/audited-read';
import type { ReadAuditAction } from '../../../platform/src/audit/read-audit';

export const REFUSALS_AUDITED = 'ccb:refusals-audited';

/**
 * For a route that records its own read (the subject access report records its `export` itself, so
 * it is no `@AuditedRead`) but whose refusal for want of a role is an attempted read all the same:
 * RoleRefusedViews records it as `access-refused` under the ids its parameters name.
 */
export const RefusalsAudited = (attempted: ReadAuditAction, options: AuditedReadOptions): MethodDecorator =>
  SetMetadata(REFUSALS_AUDITED, { action: attempted, ...options } satisfies AuditedReadSpec);
