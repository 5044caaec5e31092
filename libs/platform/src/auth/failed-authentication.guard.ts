import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { clientAddress, FailedAuthentications } from './failed-authentications';
import { PUBLIC_ROUTE } from './public-route.decorator';

/**
 * Runs before AuthGuard: an address that has used up its failed-authentication budget gets 429
 * without its token being checked, so guessing or flooding costs us no verification or JWKS fetch.
 * Public routes keep only their own per-address limit, so load-balancer health checks still pass.
 */
@Injectable()
export class FailedAuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(FailedAuthentications) private readonly failures: FailedAuthentications,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const http = context.switchToHttp();
    const wait = this.failures.retryAfterSeconds(clientAddress(http.getRequest<Request>()));
    if (wait === undefined) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(wait));
    throw new HttpException(
      {
        message: `too many failed authentications from this address; try again in ${wait} s`,
        rule: 'failed-authentication-limit',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
