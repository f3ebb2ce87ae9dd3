import { HubError } from '@hub/errors';
import { isSealed, isSealedBytes, sealBytes, unseal, unsealBytes } from '@hub/personal-data';
import { NormalizedInteraction } from './normalized-interaction.ts';

export interface InteractionMessage {
  readonly interaction: NormalizedInteraction;
  readonly rawPayloadId: string;
}

const KEY_ID = 'log';

/**
 * The interaction log's record: keyed by the primary identifier (one customer's contacts share a
 * partition, so their order holds), the body sealed with the hub's transport key so personal data
 * is never in clear in Kafka's files. The key itself is a keyed hash, not the address. The value
 * is sealed bytes (v=2); records sealed as text (v=1) are still read, until retention drops them.
 */
export function encodeInteractionMessage(message: InteractionMessage, partitionKey: string, transportKey: Buffer) {
  return {
    key: partitionKey,
    value: sealBytes(Buffer.from(JSON.stringify(message)), KEY_ID, transportKey),
    headers: { 'content-type': 'application/vnd.hub.interaction+sealed;v=2', 'interaction-id': message.interaction.id },
  };
}

/** A message that cannot be opened or does not validate is poison: non-retriable. */
export function decodeInteractionMessage(value: Buffer, transportKey: Buffer): InteractionMessage {
  const text = isSealedBytes(value) ? undefined : value.toString('utf8');
  if (text !== undefined && !isSealed(text)) throw new HubError('INVALID_INPUT', 'interaction message is not sealed');
  let opened: unknown;
  try {
    opened =
      text === undefined ? JSON.parse(unsealBytes(value, transportKey).toString('utf8')) : unseal(text, transportKey);
  } catch (error) {
    throw new HubError('INVALID_INPUT', `interaction message cannot be opened: ${(error as Error).message}`);
  }
  const body = opened as { interaction?: unknown; rawPayloadId?: unknown };
  const interaction = NormalizedInteraction.safeParse(body.interaction);
  if (!interaction.success || typeof body.rawPayloadId !== 'string') {
    throw new HubError(
      'INVALID_INPUT',
      `interaction message does not validate: ${interaction.error?.message ?? 'rawPayloadId'}`,
    );
  }
  return { interaction: interaction.data, rawPayloadId: body.rawPayloadId };
}
