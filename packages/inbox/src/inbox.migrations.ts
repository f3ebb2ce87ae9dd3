import type { Migration } from '@hub/sql';
import { inboxSchema, slaCheckSchema } from './inbox.schema.ts';

/** The conversation read models; the composition root runs them with `runMigrations`. */
export const inboxMigrations: readonly Migration[] = [
  { id: 'inbox/0001-conversations', sql: inboxSchema },
  { id: 'inbox/0002-sla-check', sql: slaCheckSchema },
];
