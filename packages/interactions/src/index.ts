export { createInMemoryAttachmentStore, createRecordingIntake, type RecordingIntake } from './in-memory-intake.ts';
export type { AttachmentStore, IntakeReceipt, InteractionIntake } from './intake.port.ts';
export { conversationId, interactionId, uuidV5 } from './interaction-id.ts';
export {
  decodeInteractionMessage,
  encodeInteractionMessage,
  type InteractionMessage,
  interactionLogKey,
} from './interaction-message.ts';
export { type OneOrBatchOptions, readOneOrBatch } from './json-batch.ts';
export {
  detailsMatchChannel,
  MAX_TEXT_LENGTH,
  NormalizedInteraction,
  NormalizedInteractionFields,
  type RawPayload,
  summarise,
} from './normalized-interaction.ts';
