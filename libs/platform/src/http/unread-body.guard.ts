import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { refuseUnreadBody } from './request-body-media';

/**
 * Global, so that no write route can act on a body no parser read: one whose fields are all
 * optional would otherwise go ahead as if none were sent. Guards run before pipes, so the 415
 * also comes before a route's misleading 400 of "missing" fields.
 */
@Injectable()
export class UnreadBodyGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() === 'http') await refuseUnreadBody(context.switchToHttp().getRequest<Request>());
    return true;
  }
}
