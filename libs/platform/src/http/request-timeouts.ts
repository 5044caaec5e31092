import type { Server } from 'node:http';

export interface RequestTimeouts {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/**
 * Bounds how long a client may take to send a request, so one that sends its headers and then
 * trickles or never ends its body cannot hold a connection (and a reader waiting on it) for
 * Node's default five minutes. Node looks for late requests every `connectionsCheckingInterval`
 * (30 s by default, read when the server starts listening), which would let a request run up to
 * 30 s past its limit: looking ten times per shortest limit, at most once a second, keeps the
 * answer within a tenth of it.
 */
export function boundRequestArrival(server: Server, timeouts: RequestTimeouts): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  const shortest = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    10,
    Math.min(1_000, Math.floor(shortest / 10)),
  );
}
