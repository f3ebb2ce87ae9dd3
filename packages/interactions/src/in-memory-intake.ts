import { createHash } from 'node:crypto';
import type { AttachmentStore, IntakeReceipt, InteractionIntake } from './intake.port.ts';
import type { NormalizedInteraction, RawPayload } from './normalized-interaction.ts';

export interface RecordingIntake extends InteractionIntake {
  readonly accepted: { interactions: readonly NormalizedInteraction[]; raw: RawPayload }[];
  readonly parseFailures: { raw: RawPayload; reason: string }[];
  /** Makes the next `accept` calls fail, as an unreachable Kafka would. */
  failWith(error: Error | undefined): void;
}

/**
 * An in-memory implementation of the intake port, for adapter tests: what was accepted is
 * inspected directly, so "nothing written" is `accepted.length === 0`.
 */
export function createRecordingIntake(): RecordingIntake {
  const accepted: RecordingIntake['accepted'] = [];
  const parseFailures: RecordingIntake['parseFailures'] = [];
  let failure: Error | undefined;
  return {
    accepted,
    parseFailures,
    failWith(error) {
      failure = error;
    },
    async accept(interactions, raw): Promise<IntakeReceipt> {
      if (failure) throw failure;
      accepted.push({ interactions, raw });
      return {
        interactionIds: interactions.map((i) => i.id),
        rawPayloadId: createHash('sha256').update(raw.body).digest('hex'),
      };
    },
    async recordParseFailure(raw, reason) {
      parseFailures.push({ raw, reason });
    },
  };
}

export function createInMemoryAttachmentStore(): AttachmentStore & { readonly size: number } {
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  return {
    get size() {
      return files.size;
    },
    async put(bytes, contentType) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.set(sha256, { bytes, contentType });
      return sha256;
    },
    async get(sha256) {
      return files.get(sha256);
    },
  };
}
