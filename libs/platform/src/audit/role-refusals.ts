import type { ExecutionContext, ForbiddenException } from '@nestjs/common';

/**
 * Told of each request the authentication guard refused for want of a role, once the caller was
 * identified: an analyst asking for a case is as much an attempt on that record as a coordinator of
 * another panel, but no interceptor runs after a guard has refused. The audit context implements
 * it; the guard must not depend on that context, and the refusal stands whatever happens here.
 */
export interface RoleRefusals {
  refused(context: ExecutionContext, refusal: ForbiddenException): Promise<void>;
}

export const ROLE_REFUSALS = Symbol('RoleRefusals');
