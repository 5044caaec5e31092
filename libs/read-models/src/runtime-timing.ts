import type { ProjectionInstance } from './projection-instance';

/** Versions sharing a checkpoint, furthest ahead first (the live group before any rebuild). */
export function groupByCheckpoint(instances: readonly ProjectionInstance[]): ProjectionInstance[][] {
  const groups = new Map<bigint, ProjectionInstance[]>();
  for (const instance of instances) {
    const group = groups.get(instance.checkpoint);
    if (group === undefined) groups.set(instance.checkpoint, [instance]);
    else group.push(instance);
  }
  return [...groups.entries()].sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0)).map(([, group]) => group);
}

/** Gives I/O callbacks (HTTP requests, timers) a turn; a resolved promise alone would not. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits `ms` (forever if undefined) or until `signal` aborts. */
export function sleep(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
