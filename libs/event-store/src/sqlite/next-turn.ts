/**
 * Resolves on a later turn of the event loop, after the I/O waiting meanwhile has been handled.
 * better-sqlite3 answers synchronously, so a promise resolved with its rows settles as a
 * microtask, and a caller paging through the log in a loop of awaits would never let a request
 * in until it finished. Awaiting this before each read makes every such loop share the thread,
 * page by page, at the cost of one setImmediate (microseconds) per page.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
