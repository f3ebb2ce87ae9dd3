import { HubError } from '@hub/errors';
import type { Logger } from '@hub/logger';
import type { ConsumedMessage, MessageHandler } from './interaction-log.port.ts';
import { describeFailure, type FailureDescription, judgeFailure, type RetryPolicy } from './retry.policy.ts';

export interface Failure extends FailureDescription {
  readonly attempts: number;
  readonly firstFailedAt: Date;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned';

export interface DeliveryContext {
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  /** Pauses between tries; false when the consumer is stopping: the message is left for redelivery. */
  pause(ms: number): Promise<boolean>;
  /** Keeps the message as a dead letter; false when the consumer stopped before that was durable. */
  deadLetter(message: ConsumedMessage, failure: Failure): Promise<boolean>;
  /** Runs before the first pause, so what was handled before a long outage is recorded first. */
  beforeRetrying?(): Promise<void>;
}

/**
 * Hands one message to the handler until it is handled, dead-lettered, abandoned (the consumer
 * stops) or given up (a retriable error past the policy's limit: rejects with INTAKE_UNAVAILABLE).
 * Retries happen in place, so the next message of the key waits and order is kept.
 */
export async function deliver(
  message: Omit<ConsumedMessage, 'attempt'>,
  handle: MessageHandler,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const { logger, policy } = context;
  let firstFailedAt: Date | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await handle({ ...message, attempt });
      if (attempt > 1) logger.info({ position: message.position, attempt }, 'message handled after retrying');
      return 'handled';
    } catch (error) {
      firstFailedAt ??= new Date();
      const verdict = judgeFailure(error, attempt, policy);
      const { reason, errorCode } = describeFailure(error);
      // The key is a customer's contact address: log the position, never the key.
      const where = { position: message.position, attempt, errorCode, reason };
      if (verdict.action === 'retry') {
        logger.warn({ ...where, delayMs: verdict.delayMs }, 'handler failed; retrying the message in place');
        if (attempt === 1) await context.beforeRetrying?.();
        if (!(await context.pause(verdict.delayMs))) return 'abandoned';
        continue;
      }
      if (verdict.action === 'dead-letter') {
        logger.error(where, 'handler failed for good; moving the message to the dead letters');
        const kept = await context.deadLetter(
          { ...message, attempt },
          { reason, errorCode, attempts: attempt, firstFailedAt },
        );
        return kept ? 'dead-lettered' : 'abandoned';
      }
      logger.error(where, 'handler kept failing with a retriable error; giving the message back to its publisher');
      throw new HubError(
        'INTAKE_UNAVAILABLE',
        `the interaction could not be handled after ${attempt} attempts: ${reason}`,
        { attempts: attempt, errorCode },
        { cause: error },
      );
    }
  }
}
