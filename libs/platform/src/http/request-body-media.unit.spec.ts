import type { Request } from 'express';
import { bodyEncodingProblem, bodyTooLargeProblem, unreadBodyProblem } from './request-body-media';

const request = (fields: Record<string, unknown>): Request =>
  ({ method: 'POST', headers: {}, body: undefined, ...fields }) as unknown as Request;

describe('unreadBodyProblem', () => {
  const typedText = { 'content-type': 'text/plain', 'content-length': '7' };

  it('names a body no parser read as an unsupported Content-Type', () => {
    expect(unreadBodyProblem(request({ headers: typedText }))).toMatchObject({
      statusCode: 415,
      errors: [{ field: 'Content-Type', rule: 'content-type' }],
    });
  });

  it('leaves alone a body a parser read, an empty body, and a GET', () => {
    expect(unreadBodyProblem(request({ headers: typedText, body: 'hello' }))).toBeUndefined();
    expect(
      unreadBodyProblem(request({ headers: { 'content-type': 'text/plain', 'content-length': '0' } })),
    ).toBeUndefined();
    expect(unreadBodyProblem(request({ headers: {} }))).toBeUndefined();
    expect(unreadBodyProblem(request({ method: 'GET', headers: typedText }))).toBeUndefined();
  });
});

describe('unreadBodyProblem for a chunked body still arriving', () => {
  const arriving = { headers: { 'transfer-encoding': 'chunked' }, complete: false, readableLength: 0 };

  it('counts it as content until it is known to have ended empty', () => {
    expect(unreadBodyProblem(request(arriving))?.statusCode).toBe(415);
    expect(unreadBodyProblem(request(arriving), 'content')?.statusCode).toBe(415);
    expect(unreadBodyProblem(request(arriving), 'ended-empty')).toBeUndefined();
  });
});

describe('bodyEncodingProblem', () => {
  it('names a charset the reader cannot decode as 415 Content-Type/charset', () => {
    expect(bodyEncodingProblem({ type: 'charset.unsupported', charset: 'koi8-r' }, request({}))).toMatchObject({
      statusCode: 415,
      errors: [{ field: 'Content-Type', rule: 'charset', message: expect.stringContaining('koi8-r') as unknown }],
    });
  });

  it('does not call a zlib-looking error a Content-Encoding fault when no encoding was declared', () => {
    expect(bodyEncodingProblem({ code: 'Z_DATA_ERROR' }, request({}))).toBeUndefined();
  });
});

describe('bodyTooLargeProblem', () => {
  it('names the body, the max-size rule and the limit of the reader that refused it', () => {
    const jobUpload = { type: 'entity.too.large', limit: 20 * 1024 * 1024, length: 30_000_000 };
    expect(bodyTooLargeProblem(jobUpload)).toMatchObject({
      statusCode: 413,
      error: 'Payload Too Large',
      errors: [{ field: 'body', rule: 'max-size', message: expect.stringContaining('20mb') as unknown }],
    });
    expect(bodyTooLargeProblem({ type: 'entity.too.large', limit: 1500 })?.message).toContain('1500 bytes');
  });

  it('leaves other reader errors to their own mapping', () => {
    expect(bodyTooLargeProblem({ type: 'entity.parse.failed' })).toBeUndefined();
  });
});
