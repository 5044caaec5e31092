import type { Response as ExpressResponse } from 'express';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { maracReferral } from './support/referrals';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

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
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
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

    it('refuses a note in text/plain on a command whose body is optional, instead of acting without it', async () => {
      const caseId = await referredCase();
      await refuses(
        () => typed(`/v1/cases/${caseId}/accept`, 'text/plain', '{"note":"Agreed at panel"}'),
        415,
        'Content-Type:content-type',
      );
    });

    it('refuses an upload job in a type no upload is read in, rather than as a missing CSV', async () => {
      await refuses(
        () => typed('/v1/jobs/iom-import?month=2024-05', 'application/xml', '<cohort/>'),
        415,
        'Content-Type:content-type',
      );
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
    const head = (contentLength: number) =>
      [
        'POST /v1/meetings HTTP/1.1',
        'Host: 127.0.0.1',
        `Authorization: Bearer ${all}`,
        'Content-Type: application/json',
        `Content-Length: ${contentLength}`,
        'Connection: close',
        '',
        '',
      ].join('\r\n');

    /** Writes raw bytes, then ends the socket as told; resolves with whatever came back. */
    const onTheWire = (bytes: string, ending: 'half-close' | 'destroy' | 'wait') =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
        socket.write(bytes, () => {
          if (ending === 'half-close') socket.end();
          if (ending === 'destroy') setTimeout(() => socket.destroy(), 50);
        });
      });

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

    it.each(['half-close', 'destroy'] as const)(
      'a body shorter than its Content-Length (client %s): the app answers body/body-complete, writes nothing and keeps serving',
      async (ending) => {
        const head0 = await store.headPosition();
        const answers = answersGiven();
        try {
          const received = await onTheWire(head(body.length + 20) + body, ending);
          // The client has stopped sending, so Node's own parser answers (a bare 400) or nobody can.
          expect(received === '' || received.startsWith('HTTP/1.1 400')).toBe(true);
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
        await onTheWire(head(body.length - 5) + body, 'wait');
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
    // next request. When those bytes are not a request, Node answers them with a bare 400 and
    // closes the connection before the app has answered the complete request that came first.
    it.failing(
      'KNOWN DEFECT: a complete command followed by stray bytes is written, but its client sees only a bare 400',
      async () => {
        const received = await onTheWire(head(body.length) + body + 'stray bytes', 'wait');
        expect(received).toMatch(/^HTTP\/1\.1 201/);
      },
    );
  });
});
