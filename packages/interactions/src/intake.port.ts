import type { NormalizedInteraction, RawPayload } from './normalized-interaction.ts';

export interface IntakeReceipt {
  readonly interactionIds: readonly string[];
  /** The raw payload's id (sha256 of its bytes). */
  readonly rawPayloadId: string;
}

/**
 * Where channel adapters hand over what they parsed. `accept` resolves once the interactions are
 * durable (in Kafka with acks from all replicas, or in the store when embedded): only then may the
 * adapter answer the provider with a 2xx. Accepting the same interaction twice is harmless: ids
 * are deterministic and the writer's appends are idempotent.
 */
export interface InteractionIntake {
  accept(interactions: readonly NormalizedInteraction[], raw: RawPayload): Promise<IntakeReceipt>;
  /** A payload that could not be parsed is kept too, listed, and can be re-run after a parser fix. */
  recordParseFailure(raw: RawPayload, reason: string): Promise<void>;
}

/** Where adapters keep attachment bytes: content-addressed, so the same file is stored once. */
export interface AttachmentStore {
  /** Returns the sha256 (hex) the bytes are stored under. */
  put(bytes: Buffer, contentType: string): Promise<string>;
  get(sha256: string): Promise<{ bytes: Buffer; contentType: string } | undefined>;
}
