import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';
import { answerStatuses, firstAnswer, listenOnLoopback, overTheWire, type WireAnswer } from './support/wire';

/** Short on purpose, so a stalled request is cut off within the test's time. */
const HEADERS_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 1_500;

/**
 * Requests Node's parser refuses before any route sees them: bytes that are not HTTP, headers
 * too large, a chunked body that breaks its framing, a request that stops arriving. Each still
 * gets the problem every other 4xx is, naming the part at fault and the rule, and writes nothing.
 * Synthetic data.
 */
describe('requests the HTTP parser refuses', () => {
  let api: TestApi;
  let store: EventStore;
  let port: number;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi({
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    port = await listenOnLoopback(api.app);
    store = api.app.get<EventStore>(EVENT_STORE);
    token = await tokenFor(COORDINATOR_ALL_PANELS);
  });
  afterAll(async () => {
    await api.close();
  });

  const meeting = JSON.stringify({ panel: 'MARAC', scheduledFor: '2024-06-04T10:00:00Z', chair: 'DI Test' });
  const chunkedMeeting = (extraHeaders: readonly string[] = []) =>
    [
      'POST /v1/meetings HTTP/1.1',
      'Host: 127.0.0.1',
      `Authorization: Bearer ${token}`,
      'Content-Type: application/json',
      'Transfer-Encoding: chunked',
      ...extraHeaders,
      '',
      '',
    ].join('\r\n');
  /** A command in a Content-Type no route reads, so it is answered before its body is read. */
  const xml = `<meeting panel="MARAC" chair="DI Test" scheduledFor="2024-06-04T10:00:00Z"/>`.padEnd(100);
  const xmlCommand = (signedIn: boolean) =>
    [
      'POST /v1/meetings HTTP/1.1',
      'Host: 127.0.0.1',
      ...(signedIn ? [`Authorization: Bearer ${token}`] : []),
      'Content-Type: text/xml',
      `Content-Length: ${xml.length}`,
      '',
      '',
    ].join('\r\n');
  const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;

  /** The first answer on a connection fed these parts `gapMs` apart, and how long until it closed. */
  const answerTo = async (parts: readonly string[], gapMs = 0) => {
    const { received, closedAfterMs } = await overTheWire(port, parts, { gapMs });
    return { ...firstAnswer(received), closedAfterMs };
  };

  const problems = (answer: WireAnswer) =>
    ((answer.body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`);

  /** The answer is a JSON problem with `status` naming `fieldRule` that closes the connection; nothing was appended. */
  const refused = async (parts: readonly string[], status: number, fieldRule: string, gapMs = 0) => {
    const head = await store.headPosition();
    const answer = await answerTo(parts, gapMs);
    expect({ status: answer.status, problems: problems(answer) }).toEqual({ status, problems: [fieldRule] });
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', connection: 'close' });
    expect(answer.body).toMatchObject({ statusCode: status, rule: fieldRule.split(':')[1] });
    // The app may still be unwinding the request it was reading: give it the time to (not) write.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.headPosition()).toBe(head);
    return answer;
  };

  it('answers headers larger than Node allows with 431 naming headers/max-size and the limit', async () => {
    const oversized = ['GET /v1/jobs HTTP/1.1', 'Host: 127.0.0.1', `X-Filler: ${'a'.repeat(20_000)}`, '', ''];
    const answer = await refused([oversized.join('\r\n')], 431, 'headers:max-size');
    expect(answer.body).toMatchObject({ error: 'Request Header Fields Too Large' });
    expect(answer.body.message).toContain('16384 bytes');
  });

  it.each([
    ['a chunk size that is not hex', `${chunk(meeting)}zz\r\nmore\r\n0\r\n\r\n`],
    ['a chunk longer than its size', `5\r\n${meeting}\r\n0\r\n\r\n`],
  ])('answers a chunked command with %s with 400 naming body/chunked-encoding', async (_, body) => {
    await refused([chunkedMeeting() + body], 400, 'body:chunked-encoding');
  });

  it('answers chunk extensions larger than Node allows with 413 naming body/chunked-encoding', async () => {
    const answer = await refused(
      [chunkedMeeting() + `5;${'x'.repeat(20_000)}\r\nhello\r\n0\r\n\r\n`],
      413,
      'body:chunked-encoding',
    );
    expect(answer.body.message).toContain('16 KiB');
  });

  it.each([
    ['a method that is not a token', 'G@T /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 'method:http-syntax'],
    ['bytes that are not a request', 'hello there\r\n\r\n', 'method:http-syntax'],
    [
      'a Content-Length that is not a number',
      'POST /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ten\r\n\r\n',
      'Content-Length:http-syntax',
    ],
    [
      'both Content-Length and Transfer-Encoding',
      'POST /v1/meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
      'Transfer-Encoding:http-syntax',
    ],
  ])('answers %s with 400 naming the part and http-syntax', async (_, bytes, fieldRule) => {
    const answer = await refused([bytes], 400, fieldRule);
    expect(answer.body.message).toContain('not valid HTTP/1.1');
  });

  describe('a request that stops arriving', () => {
    it('is answered 408 naming body/timeout once its body has stalled for the request timeout, and writes nothing', async () => {
      const stalled = [chunkedMeeting() + chunk(meeting.slice(0, 20))];
      const answer = await refused(stalled, 408, 'body:timeout');
      expect(answer.body.message).toContain(`${REQUEST_TIMEOUT_MS} ms`);
      expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
    });

    it('is answered 408 naming headers/timeout when its headers never end', async () => {
      const answer = await refused(['GET /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n'], 408, 'headers:timeout');
      expect(answer.body.message).toContain(`${HEADERS_TIMEOUT_MS} ms`);
      expect(answer.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS);
    });

    /*
     * Answered before its body is in (refused on its headers), the request still holds the
     * connection until its body ends. A second answer when it stalls would be read by a client
     * reusing the connection as the answer to its next request.
     */
    it.each([
      ['a body it cannot read', 415, true],
      ['no token', 401, false],
    ])(
      'answered early for %s, then stalled, gets that one answer and the connection closes',
      async (_, status, signedIn) => {
        const { received, closedAfterMs } = await overTheWire(port, [xmlCommand(signedIn) + xml.slice(0, 10)]);
        expect(answerStatuses(received)).toEqual([status]);
        expect(closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
      },
    );

    it('answered early, keeps the connection for the next request once its body has arrived', async () => {
      const next = ['GET /v1/jobs HTTP/1.1', 'Host: 127.0.0.1', `Authorization: Bearer ${token}`, 'Connection: close'];
      const parts = [xmlCommand(true) + xml.slice(0, 10), xml.slice(10) + [...next, '', ''].join('\r\n')];
      const { received } = await overTheWire(port, parts, { gapMs: 200 });
      expect(answerStatuses(received)).toEqual([415, 200]);
    });

    it('lets a body that arrives slowly but within the request timeout through', async () => {
      const head = await store.headPosition();
      const gapMs = Math.floor(REQUEST_TIMEOUT_MS / 6);
      const parts = [
        chunkedMeeting(['Connection: close']),
        chunk(meeting.slice(0, 20)),
        chunk(meeting.slice(20)),
        '0\r\n\r\n',
      ];
      const answer = await answerTo(parts, gapMs);
      expect(answer.status).toBe(201);
      expect(await store.headPosition()).toBeGreaterThan(head);
    });
  });

  it('keeps serving after each refusal', async () => {
    const read = await request(api.app.getHttpServer()).get('/v1/jobs').set('Authorization', `Bearer ${token}`);
    expect(read.status).toBe(200);
  });
});
