import { ForbiddenException, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, throwError } from 'rxjs';
import { invalid, notFound } from '../../../command-handling/src/rejections';
import { AuditedRead } from '../../../platform/src/audit/audited-read';
import type { ReadAuditEntry } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { AuditedReadInterceptor } from '../http/audited-read.interceptor';
import type { RefusedReadEntry } from './refused-read';

const principal: Principal = {
  id: 'u-3',
  name: 'Ira Coordinator',
  agency: 'Probation',
  roles: ['coordinator'],
  panels: ['IOM'],
};
const CASE_ID = '0b7d6a52-5d0c-4c47-9a43-0e6c3f1d9b21';

class Routes {
  @AuditedRead('case-viewed', { caseIdParam: 'caseId' })
  view(): void {}

  @AuditedRead('case-viewed')
  meeting(): void {}
}

function contextFor(
  handler: () => void,
  params: Record<string, string>,
  headers: Record<string, string> = {},
  method = 'GET',
): ExecutionContext {
  const request = { method, headers, params, query: {}, principal, id: 'corr-4', route: { path: '/v1/cases/:caseId' } };
  return {
    getType: () => 'http',
    getHandler: () => handler,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

/** Runs a refused handler through the interceptor; what reached the client and what was recorded. */
async function refuse(error: unknown, context = contextFor(Routes.prototype.view, { caseId: CASE_ID }), fails = false) {
  const reads: ReadAuditEntry[] = [];
  const refusals: RefusedReadEntry[] = [];
  const recorder = {
    record: (entry: ReadAuditEntry) => Promise.resolve(void reads.push(entry)),
    recordRefused: (entry: RefusedReadEntry) =>
      fails ? Promise.reject(new Error('disk full')) : Promise.resolve(void refusals.push(entry)),
  };
  const answered = await lastValueFrom(
    new AuditedReadInterceptor(new Reflector(), recorder).intercept(context, { handle: () => throwError(() => error) }),
  ).catch((thrown: unknown) => thrown);
  return { answered, reads, refusals };
}

describe('AuditedReadInterceptor on a refused view', () => {
  it('records who asked for which case, how it was refused, why and under which correlation id', async () => {
    const refusal = notFound('case-exists', `no case ${CASE_ID}`);
    const context = contextFor(Routes.prototype.view, { caseId: CASE_ID }, { 'x-purpose': 'checking a referral' });
    const { answered, reads, refusals } = await refuse(refusal, context);
    expect(answered).toBe(refusal);
    expect(reads).toEqual([]);
    expect(refusals).toEqual([
      {
        principal,
        attempted: 'case-viewed',
        route: '/v1/cases/:caseId',
        refusal: { status: 404, rule: 'case-exists' },
        purpose: 'checking a referral',
        caseIds: [CASE_ID],
        pathParameters: { caseId: CASE_ID },
        correlationId: 'corr-4',
      },
    ]);
  });

  it('records a 403 under the rule it gave, else `forbidden`', async () => {
    const { refusals } = await refuse(new ForbiddenException('not yours'));
    expect(refusals.map((r) => r.refusal)).toEqual([{ status: 403, rule: 'forbidden' }]);
  });

  it('records nothing for a malformed id (400) or a route naming no case or person', async () => {
    expect((await refuse(invalid('caseId', 'isUuid', 'caseId must be a UUID'))).refusals).toEqual([]);
    const meeting = contextFor(Routes.prototype.meeting, { meetingId: CASE_ID });
    expect((await refuse(notFound('meeting-exists', 'no meeting'), meeting)).refusals).toEqual([]);
  });

  it('records a refused HEAD as its GET: the status answers whether the case is there for the caller', async () => {
    const head = contextFor(Routes.prototype.view, { caseId: CASE_ID }, {}, 'HEAD');
    const { refusals } = await refuse(notFound('case-exists', 'no case'), head);
    expect(refusals).toEqual([expect.objectContaining({ attempted: 'case-viewed', caseIds: [CASE_ID] })]);
  });

  it('keeps an unreadable purpose out of the entry but still records the attempt', async () => {
    const context = contextFor(Routes.prototype.view, { caseId: CASE_ID }, { 'x-purpose': 'a\u0001b' });
    const { refusals } = await refuse(notFound('case-exists', 'no case'), context);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).not.toHaveProperty('purpose');
  });

  it('still answers with the refusal, not a 503, when the entry cannot be written, and warns', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const refusal = notFound('case-exists', 'no case');
      const { answered } = await refuse(refusal, undefined, true);
      expect(answered).toBe(refusal);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('not recorded in the audit trail'));
    } finally {
      warn.mockRestore();
    }
  });
});
