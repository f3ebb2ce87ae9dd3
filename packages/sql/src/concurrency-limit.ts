import type { SqlExecutor } from './sql-database.ts';

/**
 * A bulkhead: an executor that runs at most `limit` statements at once on `executor`; the others
 * wait their turn, in order. Expensive reads (searches) go through one, so a burst of them queues
 * behind itself instead of filling the pool and the database's cores, and the cheap reads beside
 * them (a conversation, a timeline) keep their latency.
 */
export function limitConcurrency(executor: SqlExecutor, limit: number): SqlExecutor {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`a concurrency limit is a whole number >= 1, not ${limit}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return {
    async query<Row = Record<string, unknown>>(
      text: string,
      params?: readonly unknown[],
      options?: { readonly name?: string },
    ): Promise<Row[]> {
      if (running < limit) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await executor.query<Row>(text, params, options);
      } finally {
        release();
      }
    },
  };
}
