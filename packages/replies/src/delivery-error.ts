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
  send(reply: ReplyRequest, signal: AbortSignal): Promise<SentReceipt>;
}

export type ReplySenders = Partial<Record<ReplyChannel, ReplySender>>;

/** A network failure (no answer) is worth retrying; an abort is the worker stopping, not a failure. */
export function transportFailure(error: unknown): DeliveryError {
  const code =
    (error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  return new DeliveryError(
    `provider unreachable: ${error instanceof Error ? error.message : String(error)}`,
    false,
    typeof code === 'string' ? code : null,
  );
}
