export { attachmentSchema, createSqlAttachmentStore, type SqlAttachmentStore } from './attachment-store.ts';
export { createRawPayloadStore, type RawPayloadStore, rawPayloadSchema } from './raw-payload-store.ts';
