import type { ReplyChannel } from '@hub/events';
import type { ReplyRequest } from './reply.decider.ts';

/** A provider's refusal. `permanent`: sending the same reply again cannot succeed (blocked, bad recipient). */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent: boolean,
    readonly providerCode: string | null,
    /** How long the provider asked us to wait (Telegram's `retry_after`), when it said. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

export interface SentReceipt {
  readonly providerMessageId: string;
}

/** One channel's delivery. `signal` aborts the provider call when the worker stops. */
export interface ReplySender {
  /**
   * True when sending the same reply twice reaches the customer once (the call has no effect the
   * second time): only such a channel is sent again after an attempt whose outcome is unknown.
   */
  readonly idempotent?: boolean;
  /**
   * True when the sender calls `handOver` itself, just before its point of no return (SMTP: the
   * end-of-data dot, once the relay has every other byte). The worker records the attempt there
   * instead of before the call: a worker that dies earlier leaves a reply the provider cannot
   * have, which the next worker sends. `handOver` throws when another worker got there first; the
   * sender must then give up without passing the point.
   */
  readonly handsOverLate?: boolean;
  send(reply: ReplyRequest, signal: AbortSignal, handOver: () => Promise<void>): Promise<SentReceipt>;
}

export type ReplySenders = Partial<Record<ReplyChannel, ReplySender>>;

/** Recorded when the provider may or may not have the reply: an agent confirms or sends again. */
export const outcomeUnknown = 'OUTCOME_UNKNOWN';

// Failures before a connection carried the request: the provider cannot have the reply.
const neverConnected = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * An HTTP call that failed without an answer. Refused or unresolvable: worth retrying. Broken
 * after connecting (reset, closed): the provider may have acted on it, so the outcome is unknown.
 */
export function transportFailure(error: unknown): DeliveryError {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  const detail =
    error instanceof Error ? `${error.message}${typeof code === 'string' ? ` (${code})` : ''}` : String(error);
  if (typeof code === 'string' && neverConnected.has(code)) {
    return new DeliveryError(`provider unreachable: ${detail}`, false, code);
  }
  return new DeliveryError(
    `delivery outcome unknown: the connection broke after the request was sent: ${detail}; an agent must confirm`,
    true,
    outcomeUnknown,
  );
}
