/** Wakes waiting subscriptions of this process when it appends, so they need not wait a poll. */
export class AppendSignal {
  readonly #waiters = new Set<() => void>();
  #appends = 0;

  /** How many appends were announced: a read begun before the latest may not show it. */
  get appends(): number {
    return this.#appends;
  }

  notify(): void {
    this.#appends += 1;
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.#waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal.addEventListener('abort', wake, { once: true });
      this.#waiters.add(wake);
    });
  }
}
