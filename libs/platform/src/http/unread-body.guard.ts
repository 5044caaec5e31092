import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { refuseUnreadBody } from './request-body-media';
import { refuseUnreadQuery } from './unread-query';

/**
 * Global, so that no write route can act on a body no parser read: one whose fields are all
 * optional would otherwise go ahead as if none were sent. Guards run before pipes, so the 415
 * also comes before a route's misleading 400 of "missing" fields. For the same reason a read
 * is refused a query parameter its route does not read (`unread-query.ts`).
 */
@Injectable()
export class UnreadBodyGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    refuseUnreadQuery(context);
    await refuseUnreadBody(context.switchToHttp().getRequest<Request>());
    return true;
  }
}
