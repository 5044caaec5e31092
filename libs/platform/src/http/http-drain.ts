import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ShutdownState } from '../health/shutdown-state';

/**
 * How long the listener stays open after the stop signal while `/ready` answers 503: a load
 * balancer (or Kubernetes endpoint removal) takes a moment to stop routing here, and work it
 * still sends is better answered than refused. Each answer then closes its connection.
 */
export const READINESS_WINDOW_MS = 1_000;

/**
 * How long requests still running when the listener closes may take to finish before their
 * connections are cut. With the window this stays well inside the 10 s Docker and Kubernetes
 * give before SIGKILL, leaving room for the projections, jobs and stores to close after it.
 */
export const DRAIN_TIMEOUT_MS = 5_000;

/** What `/ready` and refused work tell a client to wait: by then this process has gone. */
export const SHUTDOWN_RETRY_AFTER_SECONDS = Math.ceil((READINESS_WINDOW_MS + DRAIN_TIMEOUT_MS) / 1_000);

export interface DrainTimings {
  readonly readinessWindowMs: number;
  readonly drainTimeoutMs: number;
}

export interface DrainOutcome {
  /** Connections still busy at the drain timeout, cut mid-request. */
  readonly cut: number;
}

/**
 * Stops the server taking work without cutting any answer short: after `begin`, every answer
 * carries `Connection: close` so no keep-alive connection brings another request, and each
 * connection left idle is closed at once rather than at its keep-alive timeout.
 */
export class HttpDrain {
  private readonly unanswered = new Set<ServerResponse>();

  constructor(
    private readonly server: Server,
    private readonly state: ShutdownState,
  ) {
    // Prepended so the header is set before any middleware may start the answer.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => this.track(response));
  }

  async drain(timings: DrainTimings): Promise<DrainOutcome> {
    this.state.begin();
    for (const response of this.unanswered) closeAfter(response);
    this.server.closeIdleConnections();
    await delay(timings.readinessWindowMs);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const drained = await Promise.race([closed.then(() => true), delay(timings.drainTimeoutMs).then(() => false)]);
    if (drained) return { cut: 0 };
    const cut = this.unanswered.size;
    this.server.closeAllConnections();
    return { cut };
  }

  private track(response: ServerResponse): void {
    if (this.state.shuttingDown) closeAfter(response);
    this.unanswered.add(response);
    response.once('close', () => {
      this.unanswered.delete(response);
      // An answer begun before the signal kept its connection open; once it is idle, close it.
      if (this.state.shuttingDown) setImmediate(() => this.server.closeIdleConnections());
    });
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
