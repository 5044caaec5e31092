import { Body, Controller, Module, Post } from '@nestjs/common';
import type { Response as ExpressResponse } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { ApiModule } from '../apps/api/src/app.module';
import { createApi } from '../apps/api/src/create-api';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { maracReferral } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { inTestEnv } from './support/test-env';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { firstAnswer, listenOnLoopback, overTheWire } from './support/wire';

/** A write route of the kind a later change might add: every field optional, no command context. */
@Controller('v1/probe')
class OptionalNoteProbe {
  @Post('notes')
  note(@Body() body: { note?: unknown } | undefined): { note: unknown } {
    return { note: body?.note ?? null };
  }
}

@Module({ imports: [ApiModule], controllers: [OptionalNoteProbe] })
class ApiWithOptionalNoteProbe {}

/**
 * How a request body travels: its media type, its Content-Encoding, and bodies cut short or
 * overrun on the wire. Every refusal names the part at fault and appends nothing. Synthetic data.
 */
describe('request bodies in transport', () => {
  let api: TestApi;
  let store: EventStore;
  let all: string;
  let port: number;
  beforeAll(async () => {
    api = await startTestApi();
    port = await listenOnLoopback(api.app);
    store = api.app.get<EventStore>(EVENT_STORE);
    all = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });

  const meeting = { panel: 'MARAC', scheduledFor: '2024-06-04T10:00:00Z', chair: 'DI Test' };
  const typed = (url: string, contentType: string | undefined, body: string) => {
    const call = request(api.app.getHttpServer()).post(url).set('Authorization', `Bearer ${all}`);
    return (contentType === undefined ? call : call.set('Content-Type', contentType)).send(body);
  };

  /** Sends the bytes as they are (supertest would re-encode a Buffer as JSON). */
  const sendBytes = (url: string, headers: Record<string, string>, body: Buffer) =>
    new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const call = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: url, headers: { Authorization: `Bearer ${all}`, ...headers } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      call.on('error', reject);
      call.end(body);
    });

  const labels = (body: Record<string, unknown>) =>
    ((body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);

  /** The call is refused with `status`, naming `field:rule`, and the event log does not move. */
  const refuses = async (
    call: () => Promise<{ status: number; body: Record<string, unknown> }>,
    status: number,
    fieldRule: string,
  ) => {
    const head = await store.headPosition();
    const response = await call();
    expect({ status: response.status, problems: labels(response.body) }).toEqual({ status, problems: [fieldRule] });
    expect(await store.headPosition()).toBe(head);
    return response.body;
  };

  const referredCase = async () => {
    const made = await request(api.app.getHttpServer())
      .post('/v1/referrals')
      .set('Authorization', `Bearer ${all}`)
      .send(maracReferral());
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };

  describe('a body in a media type the API does not read', () => {
    it.each(['text/plain', 'application/xml', 'application/merge-patch+json'])(
      'answers %s sent to a JSON command with 415 naming what is read',
      async (contentType) => {
        const body = await refuses(
          () => typed('/v1/meetings', contentType, JSON.stringify(meeting)),
          415,
          'Content-Type:content-type',
        );
        expect(body).toMatchObject({ error: 'Unsupported Media Type', rule: 'content-type' });
        expect(body.message).toContain(contentType);
        expect(body.message).toContain('application/json');
      },
    );

    it('answers a body sent without any Content-Type with 415', async () => {
      const body = await refuses(
        () => sendBytes('/v1/meetings', {}, Buffer.from(JSON.stringify(meeting))),
        415,
        'Content-Type:content-type',
      );
      expect(body.message).toContain('without a Content-Type');
    });

    it.each([
      ['text/plain', '{"note":"Agreed at panel"}'],
      ['application/x-www-form-urlencoded', 'note=Agreed+at+panel'],
    ])('refuses a note in %s on a command whose body is optional, instead of acting without it', async (type, note) => {
      const caseId = await referredCase();
      await refuses(() => typed(`/v1/cases/${caseId}/accept`, type, note), 415, 'Content-Type:content-type');
    });

    it('refuses an upload job in a type no upload is read in, rather than as a missing CSV', async () => {
      await refuses(
        () => typed('/v1/jobs/iom-import?month=2024-05', 'application/xml', '<cohort/>'),
        415,
        'Content-Type:content-type',
      );
    });

    it('answers a form-encoded command with 415: the API reads JSON, and no route documents form input', async () => {
      const form = new URLSearchParams(meeting).toString();
      const body = await refuses(
        () => typed('/v1/meetings', 'application/x-www-form-urlencoded', form),
        415,
        'Content-Type:content-type',
      );
      expect(body.message).toContain('application/x-www-form-urlencoded');
    });

    it('still reads application/json with a charset', async () => {
      const made = await typed('/v1/meetings', 'application/json; charset=utf-8', JSON.stringify(meeting));
      expect(made.status).toBe(201);
    });

    it('still takes a CSV upload as text/csv', async () => {
      const csv = [
        'CRN,PNC,Forenames,Surname,Date of birth,Postcode,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years',
        'A900001,,Ada,Transporttest,1990-02-01,,80,40,N',
      ].join('\n');
      const started = await typed('/v1/jobs/iom-import?month=2024-05', 'text/csv', csv);
      expect({ status: started.status, body: started.body }).toMatchObject({ status: 202 });
    });

    it('still runs a command with an optional body when no body is sent at all', async () => {
      const caseId = await referredCase();
      const accepted = await request(api.app.getHttpServer())
        .post(`/v1/cases/${caseId}/accept`)
        .set('Authorization', `Bearer ${all}`);
      expect(accepted.status).toBe(200);
    });

    it('still runs it when the empty body comes chunked and untyped', async () => {
      const caseId = await referredCase();
      const accepted = await sendBytes(
        `/v1/cases/${caseId}/accept`,
        { 'Transfer-Encoding': 'chunked' },
        Buffer.alloc(0),
      );
      expect(accepted.status).toBe(200);
    });

    it('leaves a GET without a body as it was', async () => {
      const read = await request(api.app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${all}`);
      expect(read.status).toBe(200);
    });
  });

  describe('a body over the size limit', () => {
    it('answers 413 naming the body, the max-size rule and the limit, and writes nothing', async () => {
      const oversized = JSON.stringify({ ...meeting, chair: 'x'.repeat(1024 * 1024) });
      const body = await refuses(() => typed('/v1/meetings', 'application/json', oversized), 413, 'body:max-size');
      expect(body).toMatchObject({ error: 'Payload Too Large', rule: 'max-size' });
      expect(body.message).toContain('1mb');
    });
  });

  describe('Content-Encoding', () => {
    const json = { 'Content-Type': 'application/json' };

    it('reads a gzip body', async () => {
      const made = await sendBytes(
        '/v1/meetings',
        { ...json, 'Content-Encoding': 'gzip' },
        gzipSync(JSON.stringify(meeting)),
      );
      expect(made.status).toBe(201);
    });

    it('answers a body that says gzip but is not gzip with 400 naming the body and content-encoding', async () => {
      const body = await refuses(
        () => sendBytes('/v1/meetings', { ...json, 'Content-Encoding': 'gzip' }, Buffer.from(JSON.stringify(meeting))),
        400,
        'body:content-encoding',
      );
      expect(body.message).toContain('not valid gzip');
    });

    it('answers a gzip body cut short with 400 naming the body and content-encoding', async () => {
      const whole = gzipSync(JSON.stringify(meeting));
      await refuses(
        () => sendBytes('/v1/meetings', { ...json, 'Content-Encoding': 'gzip' }, whole.subarray(0, whole.length - 12)),
        400,
        'body:content-encoding',
      );
    });

    it('answers an encoding it cannot undo with 415 naming it', async () => {
      const body = await refuses(
        () => sendBytes('/v1/meetings', { ...json, 'Content-Encoding': 'compress' }, Buffer.from('{}')),
        415,
        'Content-Encoding:content-encoding',
      );
      expect(body.message).toContain('"compress"');
    });
  });

  describe('bodies cut short or overrun on the wire', () => {
    const body = JSON.stringify(meeting);
    const head = (contentLength: number, connection = 'close') =>
      [
        'POST /v1/meetings HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${all}`,
        'Content-Type: application/json',
        `Content-Length: ${contentLength}`,
        `Connection: ${connection}`,
        '',
        '',
      ].join('\r\n');

    /** Raw bytes, parts 100 ms apart so the server reads them apart; resolves with all that came back. */
    const receivedFor = async (bytes: string | readonly string[], ending: 'half-close' | 'destroy' | 'wait') =>
      (await overTheWire(port, bytes, { gapMs: 100, ending })).received;

    /** The status of the first answer on the wire and the field:rule pairs its problem names. */
    const problemOnTheWire = (received: string) => {
      const { status, body: problem } = firstAnswer(received);
      return { status, problems: labels(problem) };
    };

    /** The statuses of the responses in what came back on the wire, in order (bodies are JSON). */
    const answered = (received: string) => [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

    /** What the app answered, seen at Express even when the client has gone and nothing arrives. */
    const answersGiven = () => {
      const given: { status: number; body: Record<string, unknown> }[] = [];
      const prototype = api.app.getHttpAdapter().getInstance().response as ExpressResponse;
      const json = prototype.json;
      const spy = jest.spyOn(prototype, 'json').mockImplementation(function (this: ExpressResponse, sent: unknown) {
        given.push({ status: this.statusCode, body: sent as Record<string, unknown> });
        return json.call(this, sent);
      });
      return { given, restore: () => spy.mockRestore() };
    };

    const stillServes = async () => {
      const read = await request(api.app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${all}`);
      expect(read.status).toBe(200);
    };

    it.each([
      ['half-close', { status: 400, problems: ['body:body-complete'] }],
      ['destroy', 'nothing'],
    ] as const)(
      'a body shorter than its Content-Length (client %s): the app answers body/body-complete, writes nothing and keeps serving',
      async (ending, seen) => {
        const head0 = await store.headPosition();
        const answers = answersGiven();
        try {
          const received = await receivedFor(head(body.length + 20) + body, ending);
          // Node's parser refuses the cut body before the app can answer: a client that only stopped
          // sending still reads that refusal, naming the same rule; one that has gone reads nothing.
          expect(received === '' ? 'nothing' : problemOnTheWire(received)).toEqual(seen);
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(answers.given.map((a) => [a.status, labels(a.body)])).toEqual([[400, ['body:body-complete']]]);
        } finally {
          answers.restore();
        }
        expect(await store.headPosition()).toBe(head0);
        await stillServes();
      },
    );

    it('a body longer than its Content-Length is read only up to it: the cut JSON is body/json-object and nothing is written', async () => {
      const head0 = await store.headPosition();
      const answers = answersGiven();
      try {
        await receivedFor(head(body.length - 5) + body, 'wait');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(answers.given.map((a) => [a.status, labels(a.body)])).toEqual([[400, ['body:json-object']]]);
      } finally {
        answers.restore();
      }
      expect(await store.headPosition()).toBe(head0);
      await stillServes();
    });

    // The reader's body/content-length (a body not matching its Content-Length) cannot be reached
    // over HTTP/1.1: Node frames each request by its Content-Length, so bytes beyond it are the
    // next request. When those bytes are not a request, the connection is refused, but only once
    // the complete request that came first has its answer: that request may have been written.
    it.each(['close', 'keep-alive'])(
      'a complete command followed by stray bytes (Connection: %s) gets its 201 before the connection closes',
      async (connection) => {
        const head0 = await store.headPosition();
        const received = await receivedFor(head(body.length, connection) + body + 'stray bytes', 'wait');
        expect(received).toMatch(/^HTTP\/1\.1 201/);
        expect(answered(received)).toEqual([201, ...(connection === 'keep-alive' ? [400] : [])]);
        expect(await store.headPosition()).toBeGreaterThan(head0);
        await stillServes();
      },
    );

    it('two pipelined commands followed by stray bytes both get their 201', async () => {
      const one = head(body.length, 'keep-alive') + body;
      const received = await receivedFor(one + one + 'stray bytes', 'wait');
      expect(answered(received)).toEqual([201, 201, 400]);
    });

    it('a complete command followed by a request cut off by bad bytes gets its 201; the cut request writes nothing', async () => {
      const cutOff = [
        'POST /v1/meetings HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${all}`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
        '',
        `${Buffer.byteLength(body).toString(16)}`,
        body,
        'zz not hex',
        '',
      ].join('\r\n');
      const head0 = await store.headPosition();
      const received = await receivedFor(head(body.length, 'keep-alive') + body + cutOff, 'wait');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered(received)).toEqual([201, 400]);
      const written = await store.readAll({ fromPosition: head0 });
      expect(new Set(written.map((e) => e.stream)).size).toBe(1);
      await stillServes();
    });

    describe('a chunked body with no type the API reads, whose chunks come after the headers', () => {
      const accept = (caseId: string) =>
        [
          `POST /v1/cases/${caseId}/accept HTTP/1.1`,
          'Host: 127.0.0.1',
          `Authorization: Bearer ${all}`,
          'Transfer-Encoding: chunked',
          'Connection: close',
          '',
          '',
        ].join('\r\n');

      it('runs the command when the body ends empty', async () => {
        const caseId = await referredCase();
        const head0 = await store.headPosition();
        const received = await receivedFor([accept(caseId), '0\r\n\r\n'], 'wait');
        expect(answered(received)).toEqual([200]);
        expect(await store.headPosition()).toBeGreaterThan(head0);
      });

      it.each([
        ['without waiting for the body to end', '5\r\nhello\r\n'],
        ['when the body ends in the same packet', '5\r\nhello\r\n0\r\n\r\n'],
      ])('refuses it 415 and writes nothing when content arrives, %s', async (_, chunks) => {
        const caseId = await referredCase();
        const head0 = await store.headPosition();
        const received = await receivedFor([accept(caseId), chunks], 'wait');
        expect(answered(received)).toEqual([415]);
        expect(received).toContain('"field":"Content-Type"');
        expect(await store.headPosition()).toBe(head0);
      });

      it('answers body/body-complete and writes nothing when the client goes before its body ends', async () => {
        const caseId = await referredCase();
        const head0 = await store.headPosition();
        const answers = answersGiven();
        try {
          await receivedFor(accept(caseId), 'destroy');
          await new Promise((resolve) => setTimeout(resolve, 100));
          expect(answers.given.map((a) => [a.status, labels(a.body)])).toEqual([[400, ['body:body-complete']]]);
        } finally {
          answers.restore();
        }
        expect(await store.headPosition()).toBe(head0);
      });
    });

    it('stray bytes with no request before them are refused with 400 naming method/http-syntax', async () => {
      const received = await receivedFor('stray bytes', 'wait');
      expect(answered(received)).toEqual([400]);
      expect(problemOnTheWire(received)).toEqual({ status: 400, problems: ['method:http-syntax'] });
      await stillServes();
    });
  });
});

describe('a write route that reads its body without a command context', () => {
  let app: Awaited<ReturnType<typeof createApi>>;
  let token: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'ccb-transport-probe-'));
  beforeAll(async () => {
    app = await inTestEnv(dataDir, {}, () => createApi({ logger: false, rootModule: ApiWithOptionalNoteProbe }));
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const note = (contentType: string, body: string) =>
    request(app.getHttpServer())
      .post('/v1/probe/notes')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', contentType)
      .send(body);

  it('is refused 415 for a body no parser read, rather than acting as if no note were sent', async () => {
    const refused = await note('text/plain', '{"note":"Agreed at panel"}');
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 415, rule: 'content-type' });
  });

  it('reads the same note sent as JSON', async () => {
    const read = await note('application/json', '{"note":"Agreed at panel"}');
    expect({ status: read.status, body: read.body }).toEqual({ status: 201, body: { note: 'Agreed at panel' } });
  });
});
