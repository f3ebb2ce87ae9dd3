export { createSqlAttachmentStore, type SqlAttachmentStore } from './attachment-store.ts';
export { createRawPayloadStore, type RawPayloadStore } from './raw-payload-store.ts';
export { rawPayloadMigrations } from './raw-payloads.migrations.ts';
