import { type AppendExpectedRevision, type CurrentRevision, ErrorType, isCommandError } from '@eventstore/db-client';
import { type ExpectedRevision, storeUnavailable, streamDeleted, wrongExpectedRevision } from '@hub/event-store';

const BACKEND = 'esdb';

/** Client error types that mean "try again later", not "your request is wrong". */
const unreachable = new Set<ErrorType>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

// Raw gRPC status codes: some client paths (the capability probe before an append) reject with
// the grpc-js error itself instead of a converted one.
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export interface ErrorContext {
  readonly streamId?: string;
  /** What the caller asked for, which the hub error reports instead of the client's spelling. */
  readonly expected?: ExpectedRevision;
}

/** The port's revision of a stream's last event; null when the server says there is none. */
export const toPortRevision = (current: CurrentRevision): number | null =>
  current === 'no_stream' || current < 0n ? null : Number(current);

export function toPortExpected(expected: AppendExpectedRevision): ExpectedRevision {
  if (typeof expected !== 'bigint') return expected;
  // Errors built from gRPC trailers carry the server's sentinels: -1 no stream, -2 any, -4 exists.
  if (expected === -1n) return 'no_stream';
  if (expected === -4n) return 'stream_exists';
  if (expected < 0n) return 'any';
  return Number(expected);
}

/**
 * Turns a client error into the port's typed error where there is one; anything else (a bug, an
 * access denial, a handler's own throw) passes through unchanged.
 */
export function translateEsdbError(error: unknown, context: ErrorContext = {}): unknown {
  if (!(error instanceof Error)) return error;
  if (isCommandError(error)) {
    switch (error.type) {
      case ErrorType.WRONG_EXPECTED_VERSION:
        return wrongExpectedRevision(
          context.streamId ?? error.streamName,
          context.expected ?? toPortExpected(error.expectedVersion),
          toPortRevision(error.actualVersion),
        );
      case ErrorType.STREAM_DELETED:
        return streamDeleted(context.streamId ?? error.streamName);
      default:
        return unreachable.has(error.type) ? storeUnavailable(BACKEND, error) : error;
    }
  }
  const code = (error as { code?: unknown }).code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return storeUnavailable(BACKEND, error);
  // Cluster discovery gives up with a plain Error after its attempts.
  if (error.message.startsWith('Failed to discover')) return storeUnavailable(BACKEND, error);
  return error;
}

const isCommandErrorOf = (error: unknown, type: ErrorType): boolean =>
  error instanceof Error && isCommandError(error) && error.type === type;

/** A stream that was never written, or was soft-deleted, reads as empty in the port. */
export const isStreamNotFound = (error: unknown): boolean => isCommandErrorOf(error, ErrorType.STREAM_NOT_FOUND);

/** A tombstoned stream also reads as empty; only appends to it are refused. */
export const isStreamDeletedError = (error: unknown): boolean => isCommandErrorOf(error, ErrorType.STREAM_DELETED);

export const isWrongExpectedVersion = (error: unknown): boolean =>
  isCommandErrorOf(error, ErrorType.WRONG_EXPECTED_VERSION);
