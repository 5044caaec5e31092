import type { EventStore } from '../../../../../event-store/src/port/event-store';

/**
 * Holds the first append to a stream the predicate picks until released, as a process stalled
 * there (load, a long GC pause, a slow disk) would; `reached` settles when the append is held.
 */
export function stallingOnce(store: EventStore, picks: (stream: string) => boolean) {
  let release!: () => void;
  let reached!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (reached = resolve));
  let stalled = false;
  const stalling = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver) as unknown;
      return async (stream: string, ...rest: unknown[]) => {
        if (!stalled && picks(stream)) {
          stalled = true;
          reached();
          await released;
        }
        return (target.append as (...args: unknown[]) => unknown).call(target, stream, ...rest);
      };
    },
  });
  return { store: stalling, held, release };
}

/** Fails the first append to a stream the predicate picks, as a process dying there would. */
export function crashingOnce(store: EventStore, picks: (stream: string) => boolean): EventStore {
  let crashed = false;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver) as unknown;
      return (stream: string, ...rest: unknown[]) => {
        if (!crashed && picks(stream)) {
          crashed = true;
          return Promise.reject(new Error('process died'));
        }
        return (target.append as (...args: unknown[]) => unknown).call(target, stream, ...rest);
      };
    },
  });
}
