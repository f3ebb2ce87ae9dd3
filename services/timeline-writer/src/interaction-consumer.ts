import type { ConsumedMessage } from '@hub/bus';
import { decodeInteractionMessage } from '@hub/interactions';
import type { RawPayloadStore } from '@hub/raw-payloads';
import type { InteractionRecorder } from './interaction-recorder.ts';

/**
 * The writer's log handler: open the message, record the interaction, tie the raw payload to the
 * customer. It resolves only once the append is durable, so the log commits the offset after it.
 */
export const interactionHandler =
  (deps: { recorder: InteractionRecorder; rawPayloads: RawPayloadStore; transportKey: Buffer }) =>
  async (message: ConsumedMessage): Promise<void> => {
    const { interaction, rawPayloadId } = decodeInteractionMessage(message.value, deps.transportKey);
    const { customerId } = await deps.recorder.record(interaction);
    await deps.rawPayloads.assignCustomer(rawPayloadId, customerId);
  };
