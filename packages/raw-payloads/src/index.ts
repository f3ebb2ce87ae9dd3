export { createRawPayloadStore, type RawPayloadStore, rawPayloadSchema } from './raw-payload-store.ts';
