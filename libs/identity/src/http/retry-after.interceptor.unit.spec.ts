import { ConflictException, ServiceUnavailableException, type ExecutionContext } from '@nestjs/common';
import { lastValueFrom, throwError } from 'rxjs';
import { RetryAfterInterceptor } from './retry-after.interceptor';

const httpContext = (setHeader: jest.Mock): ExecutionContext =>
  ({ switchToHttp: () => ({ getResponse: () => ({ setHeader, headersSent: false }) }) }) as unknown as ExecutionContext;

const refusing = (error: Error) => ({ handle: () => throwError(() => error) });

describe('Retry-After on the people routes', () => {
  it('tells the client when to retry a decision refused while the person index is behind', async () => {
    const setHeader = jest.fn();
    const refusal = new ServiceUnavailableException({ message: 'rebuilding', rule: 'read-model-rebuilding' });
    await expect(
      lastValueFrom(new RetryAfterInterceptor().intercept(httpContext(setHeader), refusing(refusal))),
    ).rejects.toBe(refusal);
    expect(setHeader).toHaveBeenCalledWith('Retry-After', '1');
  });

  it('adds nothing to a refusal retrying would not change', async () => {
    const setHeader = jest.fn();
    const refusal = new ConflictException('decided');
    await expect(
      lastValueFrom(new RetryAfterInterceptor().intercept(httpContext(setHeader), refusing(refusal))),
    ).rejects.toBe(refusal);
    expect(setHeader).not.toHaveBeenCalled();
  });
});
