import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { ROLE_REFUSALS, type RoleRefusals } from '../audit/role-refusals';
import { RetryLaterException } from '../http/retry-later';
import type { AuthenticatedRequest } from './authenticated-request';
import { clientAddress, FailedAuthentications } from './failed-authentications';
import type { Principal, Role } from './principal';
import { PUBLIC_ROUTE } from './public-route.decorator';
import { SigningKeysUnavailableError } from './remote-signing-keys';
import { REQUIRED_ROLES } from './roles.decorator';
import { EXPIRED_RULE, TokenRejectedError, TokenVerifier } from './token-verifier';

/**
 * A refusal that guesses nothing, so it uses up no budget: no bearer token at all, or a correctly
 * signed token that has expired (what a stale browser tab sends; its holder only needs to sign in).
 */
class UncountedRefusal extends UnauthorizedException {}

/** The 403's rule when the caller holds none of the roles the route needs. */
export const ROLE_REQUIRED_RULE = 'role-required';

/**
 * Global guard: every route needs a valid bearer token unless it is explicitly public.
 * The token is verified first, even from an address over its failed-authentication budget:
 * colleagues behind one office address must not be locked out by each other's stale tabs.
 * Only a request without a valid token is answered 429 while its address is over budget.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(FailedAuthentications) private readonly failures: FailedAuthentications,
    // Absent where no audit context is wired in (a worker, a spec).
    @Optional() @Inject(ROLE_REFUSALS) private readonly refusals?: RoleRefusals,
  ) {}

  private readonly logger = new Logger('AuthGuard');

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    try {
      request.principal = await this.principalOf(request);
    } catch (error) {
      if (error instanceof UnauthorizedException) this.refuse(request, http.getResponse<Response>(), error);
      throw error;
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required !== undefined && !required.some((role) => request.principal?.roles.includes(role))) {
      const refusal = new ForbiddenException({
        message: `this route needs one of the roles: ${required.join(', ')}`,
        rule: ROLE_REQUIRED_RULE,
      });
      await this.refusals?.refused(context, refusal).catch((error: unknown) => {
        this.logger.warn(`refusal for want of a role not recorded: ${String(error)}`);
      });
      throw refusal;
    }
    return true;
  }

  /** 429 with Retry-After while the address is over budget; otherwise counts a failed token. */
  private refuse(request: AuthenticatedRequest, response: Response, error: UnauthorizedException): void {
    const address = clientAddress(request);
    const wait = this.failures.retryAfterSeconds(address);
    if (wait === undefined) {
      if (!(error instanceof UncountedRefusal)) this.failures.record(address);
      return;
    }
    response.setHeader('Retry-After', String(wait));
    throw new HttpException(
      {
        message: `too many failed authentications from this address; try again in ${wait} s`,
        rule: 'failed-authentication-limit',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private async principalOf(request: AuthenticatedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) throw new UncountedRefusal('a bearer token is required');
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) {
        throw new RetryLaterException(`cannot check tokens now: ${error.message}`, error.retryAfterSeconds);
      }
      if (!(error instanceof TokenRejectedError)) throw error;
      const message = `token rejected: ${error.message}`;
      if (error.claim === undefined || error.rule === undefined) throw new UnauthorizedException(message);
      // The verifier checks `exp` only once the signature holds.
      const Refusal = error.rule === EXPIRED_RULE ? UncountedRefusal : UnauthorizedException;
      throw new Refusal({
        message,
        rule: error.rule,
        errors: [{ field: error.claim, rule: error.rule, message }],
      });
    }
  }
}
