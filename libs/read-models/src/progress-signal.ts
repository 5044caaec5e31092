interface Waiter {
  readonly condition: () => boolean;
  readonly resolve: (reached: boolean) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

/**
 * Callers waiting for the runtime to reach some state. The runtime calls `notify` after each
 * commit; conditions are re-checked only then, so waiting costs nothing between batches.
 */
export class ProgressSignal {
  private readonly waiters = new Set<Waiter>();

  /**
   * True once `condition` holds (checked now and after every commit), false after `timeoutMs`
   * (undefined: no time limit) or when the waiters are released.
   */
  waitFor(condition: () => boolean, timeoutMs: number | undefined): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        condition,
        resolve,
        timer:
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                this.waiters.delete(waiter);
                resolve(false);
              }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Callers still waiting. */
  get waiting(): number {
    return this.waiters.size;
  }

  notify(): void {
    for (const waiter of this.waiters) {
      if (!waiter.condition()) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }

  /** Answers every waiter with its condition as it stands (the runtime is stopping). */
  release(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(waiter.condition());
    }
    this.waiters.clear();
  }
}
