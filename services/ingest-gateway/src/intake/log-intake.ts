import type { InteractionLog } from '@hub/bus';
import { encodeInteractionMessage, type InteractionIntake, interactionLogKey } from '@hub/interactions';
import type { RawPayloadStore } from '@hub/raw-payloads';

export interface LogIntakeDependencies {
  readonly log: InteractionLog;
  readonly rawPayloads: RawPayloadStore;
  /** Seals message bodies. */
  readonly transportKey: Buffer;
  /** Hashes partition keys, so addresses are not in clear in Kafka either. */
  readonly partitionKey: Buffer;
}

/**
 * The intake of the pipeline: the raw payload is kept first (so a later failure never loses it),
 * then the interactions go to the log, keyed by their primary identifier. `accept` resolves when
 * the log says they are durable.
 */
export function createLogIntake(deps: LogIntakeDependencies): InteractionIntake {
  const keyOf = (identifier: Parameters<typeof interactionLogKey>[0]) =>
    interactionLogKey(identifier, deps.partitionKey);
  return {
    async accept(interactions, raw) {
      const rawPayloadId = await deps.rawPayloads.save(raw);
      await deps.log.publish(
        interactions.map((interaction) =>
          encodeInteractionMessage(
            { interaction, rawPayloadId, receivedAt: raw.receivedAt.toISOString() },
            keyOf(interaction.contact.identifiers[0] ?? { kind: 'handle', value: interaction.id }),
            deps.transportKey,
          ),
        ),
      );
      return { interactionIds: interactions.map((i) => i.id), rawPayloadId };
    },
    async recordParseFailure(raw, reason) {
      await deps.rawPayloads.save(raw, reason);
    },
  };
}
