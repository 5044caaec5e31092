import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './authenticated-request';
import { clientAddress, FailedAuthentications } from './failed-authentications';
import type { Principal, Role } from './principal';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { TokenRejectedError, TokenVerifier } from './token-verifier';

/** Global guard: every route needs a valid bearer token unless it is explicitly public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(FailedAuthentications) private readonly failures: FailedAuthentications,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      request.principal = await this.principalOf(request);
    } catch (error) {
      if (error instanceof UnauthorizedException) this.failures.record(clientAddress(request));
      throw error;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required !== undefined && !required.some((role) => request.principal?.roles.includes(role))) {
      throw new ForbiddenException(`this route needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  private async principalOf(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) throw new UnauthorizedException('a bearer token is required');
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      const message = `token rejected: ${error.message}`;
      if (error.claim === undefined || error.rule === undefined) throw new UnauthorizedException(message);
      throw new UnauthorizedException({
        message,
        rule: error.rule,
        errors: [{ field: error.claim, rule: error.rule, message }],
      });
    }
  }
}
