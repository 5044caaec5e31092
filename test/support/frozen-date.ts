/**
 * Sets the clock specs read through `Date` to `now`, moving on in real time from there, while
 * timers, ticks and microtasks stay real: the API's own waits (the projector, retries, sockets)
 * must run as they do in service, only the day and hour it believes it is are chosen.
 */
export function freezeDateAt(now: string): void {
  jest.useFakeTimers({
    now: new Date(now),
    doNotFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'setImmediate',
      'clearImmediate',
      'nextTick',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
    advanceTimers: true,
  });
}
