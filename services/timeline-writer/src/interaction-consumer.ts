import type { ConsumedMessage } from '@hub/bus';
import { decodeInteractionMessage } from '@hub/interactions';
import type { InteractionRecorder } from './interaction-recorder.ts';

interface HandlerDependencies {
  readonly recorder: InteractionRecorder;
  readonly transportKey: Buffer;
}

/**
 * The writer's log handler: open the message, record the interaction (its events name the raw
 * payload). It resolves only once the append is durable, so the log commits the offset after it.
 */
export const interactionHandler =
  (deps: HandlerDependencies) =>
  async (message: ConsumedMessage): Promise<void> => {
    const { interaction, rawPayloadId, receivedAt } = decodeInteractionMessage(message.value, deps.transportKey);
    await deps.recorder.record(interaction, rawPayloadId, receivedAt);
  };

/**
 * The same for a batch of one partition, recorded together. A message that cannot be opened
 * fails the batch; the log then hands the messages over one by one, and that one is dead-lettered.
 */
export const interactionBatchHandler =
  (deps: HandlerDependencies) =>
  async (messages: readonly ConsumedMessage[]): Promise<void> => {
    await deps.recorder.recordAll(messages.map((m) => decodeInteractionMessage(m.value, deps.transportKey)));
  };
