import { ServiceUnavailableException, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import type { RefusedReadRecorder } from '../refused/refused-read';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import type { ReadAuditEntry, ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { AuditedReadInterceptor } from './audited-read.interceptor';

const principal: Principal = { id: 'u-1', name: 'Pat Reader', agency: 'Probation', roles: ['coordinator'], panels: [] };

class Routes {
  @AuditedRead('case-viewed', { caseIdParam: 'caseId' })
  view(): void {}
}

class ReviewRoutes {
  @AuditedRead('search')
  review(): void {}
}

function contextFor(
  headers: Record<string, string>,
  route: { handler: () => void; params: Record<string, string>; query?: Record<string, string> } = {
    handler: Routes.prototype.view,
    params: { caseId: 'case-1' },
  },
): ExecutionContext {
  const request = { headers, params: route.params, query: route.query ?? {}, principal, id: 'corr-9' };
  return {
    getType: () => 'http',
    getHandler: () => route.handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

type Recorder = ReadAuditRecorder & RefusedReadRecorder;
const keeping = (recorded: ReadAuditEntry[]): Recorder => ({
  record: (entry) => Promise.resolve(void recorded.push(entry)),
  recordRefused: () => Promise.resolve(),
});

const body = { caseId: 'case-1', personId: 'person-1', details: { perpetratorPersonId: 'person-2' } };
const handler: CallHandler = { handle: () => of(body) };

describe('AuditedReadInterceptor', () => {
  it('records the view with purpose and the ids returned, then lets the body through', async () => {
    const recorded: ReadAuditEntry[] = [];
    const recorder = keeping(recorded);
    const result = new AuditedReadInterceptor(new Reflector(), recorder).intercept(
      contextFor({ 'x-purpose': 'panel preparation' }),
      handler,
    );
    await expect(lastValueFrom(result)).resolves.toBe(body);
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'case-viewed',
        purpose: 'panel preparation',
        caseIds: ['case-1'],
        personIds: ['person-1', 'person-2'],
        correlationId: 'corr-9',
      }),
    ]);
  });

  it('records the basis of a disclosed view: the disclosures that opened it to the reader', async () => {
    const recorded: ReadAuditEntry[] = [];
    const recorder = keeping(recorded);
    const disclosed = { caseId: 'case-1', status: 'referred', access: { via: 'disclosure', disclosureIds: ['d-7'] } };
    await lastValueFrom(
      new AuditedReadInterceptor(new Reflector(), recorder).intercept(contextFor({ 'x-purpose': 'supervision' }), {
        handle: () => of(disclosed),
      }),
    );
    expect(recorded).toEqual([
      expect.objectContaining({ action: 'case-viewed', access: { via: 'disclosure', disclosureIds: ['d-7'] } }),
    ]);
  });

  it('records which review was asked for, and both people it names, whatever the query says', async () => {
    const recorded: ReadAuditEntry[] = [];
    const recorder = keeping(recorded);
    const review = { id: 'review-7', personIds: ['person-a', 'person-b'], status: 'open' };
    const context = contextFor(
      {},
      { handler: ReviewRoutes.prototype.review, params: { id: 'review-7' }, query: { id: 'review-other' } },
    );
    await lastValueFrom(
      new AuditedReadInterceptor(new Reflector(), recorder).intercept(context, { handle: () => of(review) }),
    );
    expect(recorded).toEqual([
      expect.objectContaining({
        action: 'search',
        personIds: ['person-a', 'person-b'],
        pathParameters: { id: 'review-7' },
        parameters: { id: 'review-other' },
      }),
    ]);
  });

  it('sends nothing when the entry cannot be written (503), and nothing without a purpose (400)', async () => {
    const failing: Recorder = { ...keeping([]), record: () => Promise.reject(new Error('disk full')) };
    const interceptor = new AuditedReadInterceptor(new Reflector(), failing);
    await expect(
      lastValueFrom(interceptor.intercept(contextFor({ 'x-purpose': 'p' }), handler)),
    ).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(lastValueFrom(interceptor.intercept(contextFor({}), handler))).rejects.toMatchObject({
      kind: 'invalid',
      rule: 'purpose-required',
    });
  });
});
