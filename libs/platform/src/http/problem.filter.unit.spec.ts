import type { ArgumentsHost } from '@nestjs/common';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { ProblemFilter } from './problem.filter';

function answer(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ headers: {}, id: 'corr-1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return sent;
}

describe('ProblemFilter', () => {
  it('answers a read model that is not there (yet) with 503, not a 500', () => {
    const { status, body } = answer(new ProjectionNotAvailableError('panel_cohort'));
    expect(status).toBe(503);
    expect(body).toMatchObject({ statusCode: 503, message: expect.stringContaining('panel_cohort') as unknown });
  });

  it('keeps the internals of an unexpected error out of the answer', () => {
    const { status, body } = answer(new Error('secret internal detail'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
  });
});
