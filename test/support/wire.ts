import type { INestApplication } from '@nestjs/common';
import { connect, type AddressInfo } from 'node:net';

/**
 * Starts the app on a loopback port and returns it: raw-socket specs need a real port, where
 * supertest would bind its own per call.
 */
export async function listenOnLoopback(app: INestApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

export interface WireExchange {
  /** Every byte the server sent, in order: more than one answer when requests were pipelined. */
  readonly received: string;
  /** From the first byte sent to the connection closing. */
  readonly closedAfterMs: number;
}

export interface WireOptions {
  /** Time between one part leaving and the next being written, so the server reads them apart. */
  readonly gapMs?: number;
  /**
   * What the client does once its last part has gone: `wait` for the server to close,
   * `half-close` (no more to send, still listening), or `destroy` the connection 50 ms later.
   */
  readonly ending?: 'wait' | 'half-close' | 'destroy';
}

/** A connection the server would never close would otherwise hang the spec until Jest gives up. */
const NEVER_CLOSED_MS = 10_000;

/**
 * Writes raw bytes to the server, part by part, as no HTTP client would (cut short, overrun,
 * malformed, stalled), and resolves with all that came back once the connection closes. A reset
 * from the server resolves with what arrived before it, as a client would see it.
 */
export function overTheWire(
  port: number,
  bytes: string | readonly string[],
  { gapMs = 0, ending = 'wait' }: WireOptions = {},
): Promise<WireExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    const chunks: Buffer[] = [];
    const giveUp = setTimeout(() => {
      reject(new Error(`the server never closed the connection within ${NEVER_CLOSED_MS} ms`));
      socket.destroy();
    }, NEVER_CLOSED_MS);
    socket.on('data', (data: Buffer) => chunks.push(data));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received: Buffer.concat(chunks).toString(), closedAfterMs: Date.now() - started });
    });
    const parts = typeof bytes === 'string' ? [bytes] : bytes;
    const send = (index: number): void => {
      socket.write(parts[index] ?? '', () => {
        if (index + 1 < parts.length) return void setTimeout(() => send(index + 1), gapMs);
        if (ending === 'half-close') socket.end();
        if (ending === 'destroy') setTimeout(() => socket.destroy(), 50);
      });
    };
    send(0);
  });
}

export interface WireAnswer {
  readonly status: number;
  /** Names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, `{}` when there was none. */
  readonly body: Record<string, unknown>;
}

/**
 * The status of every answer in what came back on the wire, in order: each answer is read to the
 * end of its Content-Length, so a second one straight after a body is found too.
 */
export function answerStatuses(received: string): number[] {
  const statuses: number[] = [];
  let rest = Buffer.from(received);
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const head = rest.subarray(0, headEnd < 0 ? rest.length : headEnd).toString();
    statuses.push(Number(head.split(' ', 2)[1]));
    const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? rest.length);
    rest = headEnd < 0 ? Buffer.alloc(0) : rest.subarray(headEnd + 4 + length);
  }
  return statuses;
}

/** The first (or only) answer in what came back on the wire. */
export function firstAnswer(received: string): WireAnswer {
  const [head = '', rest = ''] = received.split('\r\n\r\n', 2);
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const length = Number(headers['content-length'] ?? Buffer.byteLength(rest));
  const body = Buffer.from(rest).subarray(0, length).toString();
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: body === '' ? {} : (JSON.parse(body) as Record<string, unknown>),
  };
}
