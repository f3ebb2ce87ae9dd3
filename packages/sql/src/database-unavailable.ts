import { HubError, isHubError } from '@hub/errors';

/**
 * SQLSTATEs that mean "the server is not there for us right now", not "the statement is wrong":
 * class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
 * now (starting up or in recovery), 53300 too many connections.
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket-level failures of the driver (Node's system error codes). */
const socketFailures = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** What `pg` throws, without a code, when a connection drops or cannot be had in time. */
const driverMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error and is not queryable/,
  /^Connection terminated due to connection timeout/,
];

/**
 * True when `error` says the database cannot be reached (the server is down, restarting, out of
 * connections, or the network dropped), so the same work will succeed later unchanged. The one
 * place the hub decides this: such failures are retried with backoff and answered 503, never
 * dead-lettered. Anything else (a constraint, a syntax error, a bug) is not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isHubError(error)) return error.code === 'DATABASE_UNAVAILABLE' || error.code === 'EVENT_STORE_UNAVAILABLE';
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (unavailableStates.has(code) || socketFailures.has(code)) return true;
  }
  // Node reports a refused dual-stack connect as an AggregateError of one error per address.
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnavailable)) return true;
  return typeof message === 'string' && code === undefined && driverMessages.some((pattern) => pattern.test(message));
}

/** The hub's error for an unreachable database: 503 with Retry-After, retriable. */
export const databaseUnavailable = (cause: unknown): HubError =>
  new HubError(
    'DATABASE_UNAVAILABLE',
    'the database cannot be reached now; nothing was written',
    { reason: cause instanceof Error ? cause.message : String(cause) },
    { cause },
  );

/** Re-throws a driver error as DATABASE_UNAVAILABLE when it is one; anything else unchanged. */
export function rethrowUnavailable(error: unknown): never {
  if (!isHubError(error) && isDatabaseUnavailable(error)) throw databaseUnavailable(error);
  throw error;
}
