import { BadRequestException, Logger, ServiceUnavailableException, type ArgumentsHost } from '@nestjs/common';
import { EventStoreUnavailableError } from '../../../event-store/src/port/errors';
import { ProjectionNotAvailableError } from '../../../read-models/src/read-model-database';
import { ProblemFilter } from './problem.filter';

function answer(
  error: unknown,
  request: Record<string, unknown> = { headers: {} },
  headersSetByRoute: Record<string, string> = {},
): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const sent = { status: 0, body: {} as Record<string, unknown>, headers: { ...headersSetByRoute } };
  const response = {
    headersSent: false,
    getHeader(name: string) {
      return sent.headers[name.toLowerCase()];
    },
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return this;
    },
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
    switchToHttp: () => ({ getRequest: () => ({ ...request, id: 'corr-1' }), getResponse: () => response }),
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

  it('names a read model being built by its rule, so a client can tell it from other 503s', () => {
    expect(answer(new ProjectionNotAvailableError('panel_cohort')).body).toMatchObject({
      error: 'Service Unavailable',
      rule: 'read-model-rebuilding',
    });
    expect(answer(new ServiceUnavailableException('busy')).body.rule).toBeUndefined();
  });

  it('answers an unavailable event store (a leader election, a timeout) with 503 and its rule, not a 500', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { status, body, headers } = answer(new EventStoreUnavailableError('esdb://node-2:2113 deadline exceeded'));
    expect(status).toBe(503);
    expect(headers['retry-after']).toBe('1');
    expect(body).toMatchObject({ statusCode: 503, rule: 'event-store-unavailable' });
    expect(JSON.stringify(body)).not.toContain('node-2');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('deadline exceeded'));
    warn.mockRestore();
  });

  it('tells a client when to retry a 503, keeping a Retry-After the route chose', () => {
    expect(answer(new ProjectionNotAvailableError('panel_cohort')).headers['retry-after']).toBe('1');
    expect(answer(new BadRequestException('no')).headers['retry-after']).toBeUndefined();
    const chosen = answer(new ServiceUnavailableException('busy'), { headers: {} }, { 'retry-after': '30' });
    expect(chosen.headers['retry-after']).toBe('30');
  });

  it('logs an expected 503 as a warning without a stack, and an unexpected error as an error with one', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      answer(
        new ServiceUnavailableException({ message: 'the views have not yet processed position 7; retry shortly' }),
      );
      expect(error).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith(expect.not.stringContaining('    at '));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('position 7'));
      answer(new Error('synthetic failure'));
      expect(error).toHaveBeenCalledWith(expect.stringContaining('    at '));
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('keeps the internals of an unexpected error out of the answer', () => {
    const { status, body } = answer(new Error('secret internal detail'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
  });

  /** The bare 400 Nest makes of a parser's or router's error raised before any route is chosen. */
  const unrouted = (contentType: string, path = '/v1/meetings/m-1/cancel') =>
    answer(new BadRequestException('Unexpected end of JSON input'), {
      headers: { 'content-type': contentType },
      path,
    });
  const labels = (body: Record<string, unknown>) => ({ rule: body.rule, errors: body.errors });

  it('names unparseable JSON as the body failing json-object', () => {
    expect(labels(unrouted('application/json; charset=utf-8').body)).toEqual({
      rule: 'json-object',
      errors: [expect.objectContaining({ field: 'body', rule: 'json-object' })],
    });
  });

  it('does not call a bad request about a body that was not JSON a JSON problem', () => {
    const { status, body } = unrouted('text/csv');
    expect(status).toBe(400);
    expect(body.rule).not.toBe('json-object');
  });

  it('labels the body reader’s other 400s truthfully', () => {
    const cutShort = Object.assign(new Error('request size did not match content length'), {
      status: 400,
      type: 'request.size.invalid',
    });
    const aborted = Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' });
    expect(labels(answer(cutShort).body)).toEqual({
      rule: 'content-length',
      errors: [expect.objectContaining({ field: 'body', rule: 'content-length' })],
    });
    expect(labels(answer(aborted).body)).toEqual({
      rule: 'body-complete',
      errors: [expect.objectContaining({ field: 'body', rule: 'body-complete' })],
    });
  });
});
