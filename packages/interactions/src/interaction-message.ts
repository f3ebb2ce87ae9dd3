import { createHmac } from 'node:crypto';
import { HubError } from '@hub/errors';
import type { CustomerIdentifier } from '@hub/events';
import { isSealed, isSealedBytes, sealBytes, unseal, unsealBytes } from '@hub/personal-data';
import { NormalizedInteraction } from './normalized-interaction.ts';

export interface InteractionMessage {
  readonly interaction: NormalizedInteraction;
  readonly rawPayloadId: string;
  /**
   * When the hub received it (ISO 8601): an erasure drops older copies of what it erased. Absent
   * in messages written before 2026-12.
   */
  readonly receivedAt?: string | undefined;
}

const KEY_ID = 'log';

/**
 * The log key of an interaction whose primary identifier this is: a keyed hash, so addresses are
 * not in clear in Kafka, and erasure can find a customer's dead letters without opening them.
 */
export const interactionLogKey = (identifier: CustomerIdentifier, partitionKey: Buffer): string =>
  createHmac('sha256', partitionKey).update(`${identifier.kind}:${identifier.value}`).digest('base64url');

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
  const body = opened as { interaction?: unknown; rawPayloadId?: unknown; receivedAt?: unknown };
  const interaction = NormalizedInteraction.safeParse(body.interaction);
  if (!interaction.success || typeof body.rawPayloadId !== 'string') {
    throw new HubError(
      'INVALID_INPUT',
      `interaction message does not validate: ${interaction.error?.message ?? 'rawPayloadId'}`,
    );
  }
  const receivedAt =
    typeof body.receivedAt === 'string' && !Number.isNaN(Date.parse(body.receivedAt)) ? body.receivedAt : undefined;
  return { interaction: interaction.data, rawPayloadId: body.rawPayloadId, ...(receivedAt ? { receivedAt } : {}) };
}
