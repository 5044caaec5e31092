import { ServiceUnavailableException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import type { EventStore } from '../../../event-store/src/port/event-store';
import { loadConfig } from '../config/app-config';
import { MinPositionInterceptor } from './min-position.interceptor';
import type { ReadModelProgress } from './read-model-progress';

function httpContext(headers: Record<string, string>, setHeader: jest.Mock): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => ({ method: 'GET', headers }), getResponse: () => ({ setHeader }) }),
  } as unknown as ExecutionContext;
}

describe('X-Min-Position', () => {
  const config = { ...loadConfig({}), readYourWritesTimeoutMs: 20 };
  const store = { headPosition: () => Promise.resolve(10n) } as unknown as EventStore;
  const next: CallHandler = { handle: () => of('the view') };

  it('answers once the views have processed the position', async () => {
    const progress: ReadModelProgress = { waitUntilProcessed: (p) => Promise.resolve(p <= 10n) };
    const interceptor = new MinPositionInterceptor(progress, store, config);
    await expect(
      lastValueFrom(interceptor.intercept(httpContext({ 'x-min-position': '7' }, jest.fn()), next)),
    ).resolves.toBe('the view');
  });

  it('answers 503 with Retry-After when the views do not get there in time', async () => {
    const waited: number[] = [];
    const progress: ReadModelProgress = {
      waitUntilProcessed: (_p, timeoutMs) => (waited.push(timeoutMs), Promise.resolve(false)),
    };
    const setHeader = jest.fn();
    const interceptor = new MinPositionInterceptor(progress, store, config);
    await expect(
      lastValueFrom(interceptor.intercept(httpContext({ 'x-min-position': '7' }, setHeader), next)),
    ).rejects.toBeInstanceOf(ServiceUnavailableException);
    expect(setHeader).toHaveBeenCalledWith('Retry-After', '1');
    expect(waited).toEqual([20]);
  });
});
