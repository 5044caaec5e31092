import { ServiceUnavailableException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { loadConfig } from '../config/app-config';
import { MinPositionInterceptor } from './min-position.interceptor';
import type { ReadModelProgress } from './read-model-progress';
import { ReadsViews } from './reads-views';

class Routes {
  @ReadsViews('audit_trail')
  trail(): void {}

  undeclared(): void {}
}

function httpContext(
  headers: Record<string, string>,
  setHeader: jest.Mock,
  handler: keyof Routes = 'undeclared',
): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ method: 'GET', headers }), getResponse: () => ({ setHeader }) }),
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
  } as unknown as ExecutionContext;
}

describe('X-Min-Position', () => {
  const config = { ...loadConfig({}), readYourWritesTimeoutMs: 20 };
  const store = { headPosition: () => Promise.resolve(10n) } as unknown as EventStore;
  const next: CallHandler = { handle: () => of('the view') };
  const interceptorOn = (progress: ReadModelProgress) =>
    new MinPositionInterceptor(progress, store, config, new Reflector());

  it('answers once the views have processed the position', async () => {
    const progress: ReadModelProgress = { waitUntilProcessed: (p) => Promise.resolve(p <= 10n) };
    await expect(
      lastValueFrom(interceptorOn(progress).intercept(httpContext({ 'x-min-position': '7' }, jest.fn()), next)),
    ).resolves.toBe('the view');
  });

  it('answers 503 with Retry-After when the views do not get there in time', async () => {
    const waited: number[] = [];
    const progress: ReadModelProgress = {
      waitUntilProcessed: (_p, timeoutMs) => (waited.push(timeoutMs), Promise.resolve(false)),
    };
    const setHeader = jest.fn();
    await expect(
      lastValueFrom(interceptorOn(progress).intercept(httpContext({ 'x-min-position': '7' }, setHeader), next)),
    ).rejects.toMatchObject({ response: { rule: 'read-your-writes-timeout' } });
    expect(setHeader).toHaveBeenCalledWith('Retry-After', '1');
    expect(waited).toEqual([20]);
  });

  it('waits only on the views the route declares, and on every view when it declares none', async () => {
    const asked: (readonly string[] | undefined)[] = [];
    const progress: ReadModelProgress = {
      waitUntilProcessed: (_p, _t, views) => (asked.push(views), Promise.resolve(true)),
    };
    const interceptor = interceptorOn(progress);
    await lastValueFrom(interceptor.intercept(httpContext({ 'x-min-position': '7' }, jest.fn(), 'trail'), next));
    await lastValueFrom(interceptor.intercept(httpContext({ 'x-min-position': '7' }, jest.fn()), next));
    expect(asked).toEqual([['audit_trail'], undefined]);
  });

  it('answers at once with the refusal, its rule and Retry-After, when a view it waits on cannot get there', async () => {
    const refusal = { rule: 'read-model-rebuilding', message: 'audit_trail is being rebuilt as version 3' } as const;
    const progress: ReadModelProgress = {
      waitUntilProcessed: () => Promise.resolve(false),
      reach: () => Promise.resolve({ reached: false, refusal }),
    };
    const setHeader = jest.fn();
    const answer = lastValueFrom(
      interceptorOn(progress).intercept(httpContext({ 'x-min-position': '7' }, setHeader, 'trail'), next),
    );
    await expect(answer).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(answer).rejects.toMatchObject({ response: refusal });
    expect(setHeader).toHaveBeenCalledWith('Retry-After', '1');
  });

  it('names in X-Read-Model-Version the views of the route a previous version answers, with or without the header', async () => {
    const progress: ReadModelProgress = {
      waitUntilProcessed: () => Promise.resolve(true),
      previousVersionsAnswering: (views) =>
        (views ?? []).map((name) => ({ name, version: 8, rebuilding: 9, position: 5n })),
    };
    const setHeader = jest.fn();
    await lastValueFrom(interceptorOn(progress).intercept(httpContext({}, setHeader, 'trail'), next));
    expect(setHeader).toHaveBeenCalledWith('X-Read-Model-Version', 'audit_trail=8; rebuilding=9');
  });
});
