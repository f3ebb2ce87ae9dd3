import { isHubError } from '@hub/errors';

export interface RetryPolicy {
  /** The first pause; each further pause doubles, up to `maxDelayMs`, with jitter. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * Tries of a message failing with a retriable `HubError` (the store is down) before the log gives
   * up on it. Kafka holds the partition until it succeeds (Infinity): skipping it would break the
   * customer's order and dead-lettering it would flood the dead letters during an outage.
   */
  readonly retriableAttempts: number;
  /**
   * Tries of a message failing with an error that is not a `HubError` (a bug, an unwrapped driver
   * error) before it counts as poison: long enough to ride out a blip, short enough that one bad
   * message never blocks a partition.
   */
  readonly unknownErrorAttempts: number;
}

export const kafkaRetryPolicy: RetryPolicy = Object.freeze({
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  retriableAttempts: Number.POSITIVE_INFINITY,
  unknownErrorAttempts: 5,
});

/** The publisher waits in process, so the retries must end within an HTTP request's patience. */
export const inProcessRetryPolicy: RetryPolicy = Object.freeze({
  initialDelayMs: 100,
  maxDelayMs: 2_000,
  retriableAttempts: 4,
  unknownErrorAttempts: 3,
});

export type FailureVerdict =
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'dead-letter' }
  | { readonly action: 'give-up' };

/** What to do after `attempt` tries of a message ended with `error`. */
export function judgeFailure(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): FailureVerdict {
  const retry = { action: 'retry', delayMs: backoffDelay(attempt, policy, random) } as const;
  if (isHubError(error)) {
    if (!error.retriable) return { action: 'dead-letter' };
    return attempt < policy.retriableAttempts ? retry : { action: 'give-up' };
  }
  return attempt < policy.unknownErrorAttempts ? retry : { action: 'dead-letter' };
}

/** Exponential with "equal jitter": never below half the step, so a fleet of consumers spreads out. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}

export interface FailureDescription {
  readonly reason: string;
  readonly errorCode: string | undefined;
}

export function describeFailure(error: unknown): FailureDescription {
  if (isHubError(error)) return { reason: error.message, errorCode: error.code };
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { reason, errorCode: undefined };
}
