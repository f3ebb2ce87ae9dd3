import { isHubError } from '@hub/errors';

/**
 * `running`: applying pages (catching up); `caught-up`: its last read found less than a page;
 * `retrying`: a page failed and is retried after a backoff, from the last committed checkpoint.
 */
export type ProjectionState = 'running' | 'retrying' | 'caught-up';

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectionState;
  /** The last committed position (`commit/prepare`), or undefined before the first page. */
  readonly checkpoint: string | undefined;
  /** Failed attempts since the last page that committed; 0 when healthy. */
  readonly attempts: number;
  /** When the current run of failures began: how long the projection has been stalled. */
  readonly failingSince?: Date;
  /**
   * A HubError code, an SQLSTATE, or the error's name: enough to tell causes apart on a public
   * health page. The message stays in the log: a constraint's message can quote personal data.
   */
  readonly lastErrorCode?: string;
}

/** What the read models miss: events after the checkpoint, counted up to a cap. */
export interface ProjectionLag {
  readonly events: number;
  /** True when there are more than `events` (the count stopped at the cap). */
  readonly atLeast: boolean;
  /** When the oldest event not yet projected was recorded; undefined when none is waiting. */
  readonly oldestUnprojectedAt?: Date;
}

export interface RetryBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultRetryBackoff: RetryBackoff = { baseMs: 100, maxMs: 30_000 };

/**
 * Doubles from `baseMs` and stops at `maxMs`: a poison page or a database outage costs a few
 * statements a minute once the cap is reached, and a transient failure is retried at once.
 */
export function retryDelayMs(attempt: number, backoff: RetryBackoff = defaultRetryBackoff): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
}

/** A short, stable name for what went wrong, never the message (it may carry personal data). */
export function errorCodeOf(error: unknown): string {
  if (isHubError(error)) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{1,40}$/i.test(code)) return code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}

/** Stalled: failing for at least `thresholdMs` without a page committing. */
export const isStalled = (status: ProjectionStatus, now: Date, thresholdMs: number): boolean =>
  status.state === 'retrying' &&
  status.failingSince !== undefined &&
  now.getTime() - status.failingSince.getTime() >= thresholdMs;
