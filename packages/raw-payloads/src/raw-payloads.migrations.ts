import type { Migration } from '@hub/sql';
import { attachmentSchema } from './attachment-store.ts';
import { rawPayloadSchema } from './raw-payload-store.ts';

/**
 * Raw payloads and attachments; the composition root runs them with `runMigrations`. The first
 * two are the schemas of before versioned migrations, in-place column changes included.
 */
export const rawPayloadMigrations: readonly Migration[] = [
  { id: 'raw-payloads/0001-payloads', sql: rawPayloadSchema },
  { id: 'raw-payloads/0002-attachments', sql: attachmentSchema },
];
