export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Named in the timeout error, so a failed test says what never became true. */
  readonly what: string;
  /** Ends the wait early, e.g. when the server being waited for has exited. */
  readonly signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a value other than `undefined`. A probe that throws counts as
 * "not yet" (servers refuse connections while they start); its last error is kept for the report.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const { timeoutMs, intervalMs = 100, what, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (signal?.aborted) throw new Error(`gave up waiting for ${what}: ${String(signal.reason)}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(intervalMs, left));
  }
  const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`, { cause: lastError });
}

/**
 * Until a read model shows what `seen` looks for, catching its projection up before each look. A
 * projection caught up has applied what the store lets it read, and a PostgreSQL store shows an
 * append only once every older transaction in the cluster has ended: beside other test files,
 * caught up once may not yet include the test's own appends.
 */
export const untilProjected = (
  caughtUp: () => Promise<void>,
  seen: () => Promise<boolean>,
  options: WaitOptions,
): Promise<true> =>
  waitFor(async () => {
    await caughtUp();
    return (await seen()) ? true : undefined;
  }, options);
