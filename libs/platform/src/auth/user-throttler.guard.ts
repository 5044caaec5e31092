import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './authenticated-request';

/** Rate limits per user (token subject), falling back to the address for unauthenticated routes. */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    return Promise.resolve(principal === undefined ? `ip:${String(request.ip)}` : `user:${principal.id}`);
  }
}
