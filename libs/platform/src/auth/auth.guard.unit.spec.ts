import { ForbiddenException, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RoleRefusals } from '../audit/role-refusals';
import { AuthGuard } from './auth.guard';
import { FailedAuthentications } from './failed-authentications';
import type { Principal } from './principal';
import { RequireRoles } from './roles.decorator';
import type { TokenVerifier } from './token-verifier';

const analyst: Principal = { id: 'analyst-7', name: 'Ana Lyst', agency: 'Council', roles: ['analyst'], panels: [] };

class Routes {
  @RequireRoles('coordinator')
  view(): void {}
}

function caseView(): ExecutionContext {
  const request = { method: 'GET', headers: { authorization: 'Bearer signed' }, params: {}, socket: {} };
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype.view,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({}) }),
  } as unknown as ExecutionContext;
}

const guardTelling = (refusals: RoleRefusals) =>
  new AuthGuard(
    new Reflector(),
    { verify: () => Promise.resolve(analyst) } as unknown as TokenVerifier,
    new FailedAuthentications(10),
    refusals,
  );

describe('AuthGuard refusing a route for want of a role', () => {
  it('tells the audit port of the refusal, naming the rule, before refusing', async () => {
    const told: ForbiddenException[] = [];
    const guard = guardTelling({ refused: (_context, refusal) => Promise.resolve(void told.push(refusal)) });
    const answered = await guard.canActivate(caseView()).catch((error: unknown) => error);
    expect(answered).toBeInstanceOf(ForbiddenException);
    expect(told).toEqual([answered]);
    expect((answered as ForbiddenException).getResponse()).toMatchObject({ rule: 'role-required' });
  });

  it('still refuses with 403, not a 500, when the refusal cannot be recorded, and warns', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const guard = guardTelling({ refused: () => Promise.reject(new Error('disk full')) });
      const answered = await guard.canActivate(caseView()).catch((error: unknown) => error);
      expect(answered).toBeInstanceOf(ForbiddenException);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('not recorded'));
    } finally {
      warn.mockRestore();
    }
  });
});
