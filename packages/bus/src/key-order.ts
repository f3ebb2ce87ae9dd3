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

export interface Slots {
  /** Runs `task` once fewer than the limit are running, first come first served. */
  use<T>(task: () => Promise<T>): Promise<T>;
}

export function createSlots(limit: number): Slots {
  if (!(Number.isInteger(limit) && limit > 0))
    throw new RangeError(`a slot limit must be a positive integer, not ${limit}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
    if (next) next();
    else active -= 1;
  };
  return {
    async use(task) {
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
