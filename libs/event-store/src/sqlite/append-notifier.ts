/**
 * Wakes idle subscriptions when this process commits an append, so live delivery needs no
 * polling. Listeners are one-shot: a subscription re-registers only after it has read to the
 * head again, which is what keeps a burst of appends from queueing wake-ups.
 */
export class AppendNotifier {
  private listeners = new Set<() => void>();

  /** Calls `listener` after the next committed append; returns a function that stops listening. */
  onNextAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    if (this.listeners.size === 0) return;
    const waiting = this.listeners;
    this.listeners = new Set();
    for (const listener of waiting) listener();
  }
}
