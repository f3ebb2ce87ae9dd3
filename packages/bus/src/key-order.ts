const ignore = () => {};

export interface KeyOrder {
  /** Runs `task` after every task queued earlier under the same key has settled. */
  after<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Per-key FIFO chains; keys never wait for each other. The map only holds keys with work queued. */
export function createKeyOrder(): KeyOrder {
  const tails = new Map<string, Promise<void>>();
  return {
    after(key, task) {
      const result = (tails.get(key) ?? Promise.resolve()).then(task);
      const tail = result.then(ignore, ignore);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
