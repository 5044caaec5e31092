import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { closingAnswer, parserProblem } from './parser-problems';

interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

const closed = (response: ServerResponse): Promise<void> =>
  new Promise((resolve) => (response.closed ? resolve() : response.once('close', () => resolve())));

/**
 * Bytes that follow a complete request on the same connection and are not a request themselves
 * make Node answer them with a bare 400 and close the socket at once, even while the app is still
 * answering the request that came first. That request may already have been written (a meeting
 * scheduled), so its client, seeing only the 400, would retry and write it twice. Here the
 * answers to requests received in full go out first; only then is the connection refused, with
 * the problem naming what the parser refused (a bare status from Node names neither the part nor
 * the rule). A request cut off by the bad bytes, or by the request timeout, is aborted then (at
 * once when no complete request is waiting): nothing of it was acted on, since its body never
 * ended, and destroying the connection stops its reader waiting for the rest.
 *
 * A request answered before its body was in (a 415 or 401 on its headers) has had its one answer,
 * yet its body still holds the connection: Node reads the rest and discards it, so the client may
 * go on sending it and reuse the connection after. If that body then stalls or breaks, the
 * connection is closed with nothing written, since a client reusing it would take a second
 * answer for the answer to its next request. Closing it straight after the early answer instead
 * (`Connection: close`) would reset the connection while the client is still sending, and a
 * client reading after its send fails may lose the answer it was sent.
 */
export function answerRequestsBeforeStrayBytes(server: Server): void {
  const inFlight = new WeakMap<Duplex, Set<Exchange>>();
  const answeredEarly = new WeakMap<Duplex, IncomingMessage>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const exchanges = inFlight.get(socket) ?? new Set<Exchange>();
    inFlight.set(socket, exchanges);
    const exchange = { request, response };
    exchanges.add(exchange);
    response.once('close', () => {
      exchanges.delete(exchange);
      if (!request.complete) answeredEarly.set(socket, request);
    });
  });

  // The parser reports each later chunk of the same bad stream again: refuse a socket once.
  const refused = new WeakSet<Duplex>();
  server.on('clientError', (error: Error & { code?: unknown; reason?: unknown }, socket: Duplex) => {
    if (refused.has(socket)) return;
    refused.add(socket);
    if (answeredEarly.get(socket)?.complete === false) return void socket.destroy(error);
    const waiting = [...(inFlight.get(socket) ?? [])];
    const bodyArriving = waiting.some((e) => !e.request.complete);
    const refuse = (): void => {
      const answering = waiting.some((e) => e.response.headersSent && !e.response.writableFinished);
      if (socket.writable && !answering) socket.write(closingAnswer(parserProblem(error, server, bodyArriving)));
      socket.destroy(error);
    };
    const received = waiting.filter((e) => e.request.complete);
    if (received.length === 0 || !socket.writable) return refuse();
    void Promise.all(received.map((e) => closed(e.response))).then(refuse);
  });
}
