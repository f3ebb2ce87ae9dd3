import type { SqlExecutor } from './sql-database.ts';

export interface Slots {
  /** Runs `task` once fewer than the limit are running, first come first served. */
  use<T>(task: () => Promise<T>): Promise<T>;
}

/** At most `limit` tasks at once: the in-process log's handlers, `limitConcurrency`'s statements. */
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

/**
 * A bulkhead: an executor that runs at most `limit` statements at once on `executor`; the others
 * wait their turn, in order. Expensive reads (searches) go through one, so a burst of them queues
 * behind itself instead of filling the pool and the database's cores, and the cheap reads beside
 * them (a conversation, a timeline) keep their latency.
 */
export function limitConcurrency(executor: SqlExecutor, limit: number): SqlExecutor {
  const slots = createSlots(limit);
  return {
    query: <Row = Record<string, unknown>>(
      text: string,
      params?: readonly unknown[],
      options?: { readonly name?: string },
    ): Promise<Row[]> => slots.use(() => executor.query<Row>(text, params, options)),
  };
}
