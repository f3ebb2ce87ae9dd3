import type { ConsumedMessage } from '@hub/bus';
import { decodeInteractionMessage } from '@hub/interactions';
import type { InteractionRecorder } from './interaction-recorder.ts';

/**
 * The writer's log handler: open the message, record the interaction (its events name the raw
 * payload). It resolves only once the append is durable, so the log commits the offset after it.
 */
export const interactionHandler =
  (deps: { recorder: InteractionRecorder; transportKey: Buffer }) =>
  async (message: ConsumedMessage): Promise<void> => {
    const { interaction, rawPayloadId } = decodeInteractionMessage(message.value, deps.transportKey);
    await deps.recorder.record(interaction, rawPayloadId);
  };
