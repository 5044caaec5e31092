import type { Request } from 'express';

const WINDOW_MS = 60_000;
const MAX_TRACKED = 100_000;

interface Window {
  failures: number;
  readonly endsAt: number;
}

/**
 * Failed authentications per client address in a fixed one-minute window from the first failure.
 * Only tokens that fail count (a request with no token guesses nothing), and an address over its
 * budget is refused only for requests without a valid token: colleagues behind one office address
 * are never locked out by each other's stale tabs. Kept in memory per process, like the throttler.
 */
export class FailedAuthentications {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxTracked: number = MAX_TRACKED,
  ) {}

  get trackedAddresses(): number {
    return this.windows.size;
  }

  /** Seconds until the address may try again, or undefined while it is within its budget. */
  retryAfterSeconds(address: string): number | undefined {
    const window = this.current(address);
    if (window === undefined || window.failures < this.limitPerMinute) return undefined;
    return Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
  }

  record(address: string): void {
    const window = this.current(address);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    if (this.windows.size >= this.maxTracked) this.makeRoom();
    this.windows.set(address, { failures: 1, endsAt: this.now() + WINDOW_MS });
  }

  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (window === undefined || window.endsAt > this.now()) return window;
    this.windows.delete(address);
    return undefined;
  }

  /** Drops ended windows; under a flood from many addresses, the oldest windows go first. */
  private makeRoom(): void {
    const now = this.now();
    for (const [address, window] of this.windows) if (window.endsAt <= now) this.windows.delete(address);
    for (const address of this.windows.keys()) {
      if (this.windows.size < this.maxTracked) break;
      this.windows.delete(address);
    }
  }
}

/** The key failures are counted under: the address Express trusts (see `trust proxy`). */
export const clientAddress = (request: Request): string =>
  `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
