import { HubError, isHubError } from '@hub/errors';
import type { IntakeReceipt, NormalizedInteraction, RawPayload } from '@hub/interactions';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';

/** What the intake answers for what it recorded (202, or 200 for providers' webhooks). */
export const IntakeReceiptSchema = z
  .object({
    accepted: z.number().int(),
    interactionIds: z.array(z.string()).readonly(),
    rawPayloadId: z.string().optional().meta({ description: 'sha256 of the body as received (the raw payload kept)' }),
  })
  .meta({ id: 'IntakeReceipt' });

/**
 * Hands interactions to the intake; a failure there (Kafka down) is a 503 the provider retries,
 * never a 2xx for something that was not recorded.
 */
export async function acceptOrUnavailable(
  deps: IngestDependencies,
  interactions: readonly NormalizedInteraction[],
  raw: RawPayload,
): Promise<IntakeReceipt> {
  try {
    return await deps.intake.accept(interactions, raw);
  } catch (error) {
    if (isHubError(error) && error.httpStatus < 500) throw error;
    deps.logger.error({ err: error, channel: raw.channel }, 'intake refused interactions');
    throw new HubError(
      'INTAKE_UNAVAILABLE',
      'the interaction could not be recorded now; retry later',
      {},
      { cause: error },
    );
  }
}
